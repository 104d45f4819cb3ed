using SecretVault.Core.Pipeline;
using SecretVault.Core.Responses;

namespace SecretVault.Core.Audit;

/// <summary>The broker while no audit device can be enabled: it records nothing.</summary>
public sealed class NoAuditBroker : IAuditBroker
{
    /// <inheritdoc />
    public Task LogRequestAsync(RequestContext context, CancellationToken ct) => Task.CompletedTask;

    /// <inheritdoc />
    public Task LogResponseAsync(RequestContext context, ResponseEnvelope? response, Exception? error, CancellationToken ct) => Task.CompletedTask;
}
