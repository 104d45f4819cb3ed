using SecretVault.Core.Lockout;
using SecretVault.Core.Responses;
using SecretVault.Core.Routing;
using SecretVault.Core.Tokens;
using SecretVault.Sdk.Logical;

namespace SecretVault.Core.Pipeline.Steps;

/// <summary>
/// A login (an unauthenticated request): the backend runs under the user lockout, and when it answers an
/// <see cref="AuthResult"/> the core mints the token, only for an auth mount. Authenticated requests pass.
/// </summary>
public sealed class LoginStep : IRequestStep
{
    private readonly LoginLockout _lockout;
    private readonly LoginTokenIssuer _loginTokens;
    private readonly TokenStore _tokens;
    private readonly Router _router;

    public LoginStep(LoginLockout lockout, LoginTokenIssuer loginTokens, TokenStore tokens, Router router)
    {
        _lockout = lockout;
        _loginTokens = loginTokens;
        _tokens = tokens;
        _router = router;
    }

    /// <inheritdoc />
    public async Task<ResponseEnvelope?> InvokeAsync(RequestContext context, RequestStepDelegate next, CancellationToken ct)
    {
        if (!context.Unauthenticated)
        {
            return await next(context, ct).ConfigureAwait(false);
        }

        var response = await _lockout.HandleAsync(context.RequiredMatch, context.RequiredRouted, token => next(context, token), ct).ConfigureAwait(false);
        if (response?.Response.Auth is not { } auth)
        {
            return response;
        }

        if (context.RequiredMatch.Mount is not { Kind: BackendKind.Auth } mount)
        {
            throw new LogicalException(500, "internal error");
        }

        var path = context.Request.Path;
        var issued = await _loginTokens.IssueAsync(auth, mount, path, ct).ConfigureAwait(false);

        // A login still running when its auth method is disabled must not leave a token behind: the disable revokes
        // the mount's leases once more after it unpublished the route, and a token minted after that sees it here.
        if (_router.Route(path)?.Mount?.Uuid != mount.Uuid)
        {
            await _tokens.RevokeTreeAsync(await _tokens.HashOfAsync(issued.ClientToken, ct).ConfigureAwait(false), CancellationToken.None).ConfigureAwait(false);
            throw LogicalException.PermissionDenied();
        }

        return response with { IssuedAuth = issued };
    }
}
