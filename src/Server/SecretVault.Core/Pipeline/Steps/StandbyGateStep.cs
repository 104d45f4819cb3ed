using SecretVault.Core.Responses;

namespace SecretVault.Core.Pipeline.Steps;

/// <summary>
/// The standby gate: a standby node will forward a request to the active node (or answer 307 to it) here. Until
/// high availability lands every node is active, so every request passes.
/// </summary>
public sealed class StandbyGateStep : IRequestStep
{
    /// <inheritdoc />
    public Task<ResponseEnvelope?> InvokeAsync(RequestContext context, RequestStepDelegate next, CancellationToken ct) => next(context, ct);
}
