using SecretVault.Core.Audit;
using SecretVault.Core.Responses;

namespace SecretVault.Core.Pipeline.Steps;

/// <summary>Audits the authorized request before anything below runs (fail closed), and its answer or error after.</summary>
public sealed class AuditStep : IRequestStep
{
    private readonly IAuditBroker _broker;

    public AuditStep(IAuditBroker broker)
    {
        _broker = broker;
    }

    /// <inheritdoc />
    public async Task<ResponseEnvelope?> InvokeAsync(RequestContext context, RequestStepDelegate next, CancellationToken ct)
    {
        await _broker.LogRequestAsync(context, ct).ConfigureAwait(false);
        ResponseEnvelope? response;
        try
        {
            response = await next(context, ct).ConfigureAwait(false);
        }
        catch (Exception error)
        {
            await _broker.LogResponseAsync(context, null, error, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        await _broker.LogResponseAsync(context, response, null, ct).ConfigureAwait(false);
        return response;
    }
}
