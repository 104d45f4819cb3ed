using SecretVault.Core.Responses;
using SecretVault.Core.System;
using SecretVault.Sdk.Logical;

namespace SecretVault.Core.Pipeline.Steps;

/// <summary>
/// The seal gate: the few sys/ endpoints that work without a token and while sealed (init, seal-status, unseal,
/// health, leader) are answered here, before any mount exists; everything else is 503 while sealed.
/// </summary>
public sealed class SealGateStep : IRequestStep
{
    private readonly VaultLifecycle _lifecycle;
    private readonly SealPaths _sealPaths;

    public SealGateStep(VaultLifecycle lifecycle, SealPaths sealPaths)
    {
        _lifecycle = lifecycle;
        _sealPaths = sealPaths;
    }

    /// <inheritdoc />
    public async Task<ResponseEnvelope?> InvokeAsync(RequestContext context, RequestStepDelegate next, CancellationToken ct)
    {
        if (_sealPaths.TryHandle(context.Request, ct) is { } answer)
        {
            return ResponseEnvelope.Of(await answer.ConfigureAwait(false));
        }

        return _lifecycle.Sealed ? throw LogicalException.Sealed() : await next(context, ct).ConfigureAwait(false);
    }
}
