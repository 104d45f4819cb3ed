using SecretVault.Core.Responses;

namespace SecretVault.Core.Pipeline;

/// <summary>
/// One narrow step of the request path (seal gate, standby gate, route lookup, authentication, authorization, audit,
/// wrapping, login, leases, dispatch). A step may answer or refuse the request itself, or call
/// <paramref name="next"/> with the context it adds to and work on the answer that comes back.
/// </summary>
public interface IRequestStep
{
    /// <summary>Runs this step around the rest of the pipeline.</summary>
    Task<ResponseEnvelope?> InvokeAsync(RequestContext context, RequestStepDelegate next, CancellationToken ct);
}
