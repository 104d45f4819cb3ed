using SecretVault.Core.Responses;
using SecretVault.Sdk.Logical;

namespace SecretVault.Core.Pipeline.Steps;

/// <summary>
/// <c>sys/seal</c>, answered here rather than by the sys/ backend: sealing unloads that backend and withdraws the
/// route table under the very request that asked for it, so nothing after this step may rely on them. Root-protected
/// by this step (the caller needs sudo), whatever the method.
/// </summary>
public sealed class SealCommandStep : IRequestStep
{
    private const string SealPath = "sys/seal";

    private readonly VaultLifecycle _lifecycle;
    private readonly AclAuthorizer _authorizer;

    public SealCommandStep(VaultLifecycle lifecycle, AclAuthorizer authorizer)
    {
        _lifecycle = lifecycle;
        _authorizer = authorizer;
    }

    /// <inheritdoc />
    public async Task<ResponseEnvelope?> InvokeAsync(RequestContext context, RequestStepDelegate next, CancellationToken ct)
    {
        if (context.Request.Path != SealPath || context.Token is not { } token)
        {
            return await next(context, ct).ConfigureAwait(false);
        }

        await _authorizer.AuthorizeAsync(token, SealPath, Operation.Update, null, isRootPath: true, normalizedPath: null, ct).ConfigureAwait(false);
        if (context.Request.Operation is not (Operation.Update or Operation.Create))
        {
            throw LogicalException.UnsupportedOperation();
        }

        await _lifecycle.SealAsync(ct).ConfigureAwait(false);
        return null;
    }
}
