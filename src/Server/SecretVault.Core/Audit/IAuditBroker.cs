using SecretVault.Core.Pipeline;
using SecretVault.Core.Responses;

namespace SecretVault.Core.Audit;

/// <summary>
/// Hands each request and its answer to the enabled audit devices. Fail closed: when no device can record the
/// request, <see cref="LogRequestAsync"/> throws and the backend never runs.
/// </summary>
public interface IAuditBroker
{
    /// <summary>Records the authorized request before its backend runs.</summary>
    Task LogRequestAsync(RequestContext context, CancellationToken ct);

    /// <summary>Records the answer (null: none) or the error the request ended with.</summary>
    Task LogResponseAsync(RequestContext context, ResponseEnvelope? response, Exception? error, CancellationToken ct);
}
