using SecretVault.Core.Responses;
using SecretVault.Core.Tokens;
using SecretVault.Sdk.Framework;
using SecretVault.Sdk.Logical;

namespace SecretVault.Core.Pipeline.Steps;

/// <summary>
/// Token authentication: a path the backend declares unauthenticated (a login) goes on without a token; anything
/// else spends a use of the client token (403 when it has none, is unknown, or is bound to other addresses) and
/// revokes the token once the request that spent its last use is done.
/// </summary>
public sealed class AuthenticationStep : IRequestStep
{
    private readonly TokenStore _tokens;

    public AuthenticationStep(TokenStore tokens)
    {
        _tokens = tokens;
    }

    /// <inheritdoc />
    public async Task<ResponseEnvelope?> InvokeAsync(RequestContext context, RequestStepDelegate next, CancellationToken ct)
    {
        if (context.Match is { } match && PathPatterns.MatchesAny(match.Backend.UnauthenticatedPaths, match.RelativePath))
        {
            return await next(context with { Unauthenticated = true }, ct).ConfigureAwait(false);
        }

        // A use is spent even if the request is then denied, as in Vault.
        var token = await _tokens.UseAsync(context.Request.ClientToken, ct).ConfigureAwait(false) ?? throw LogicalException.PermissionDenied();
        try
        {
            if (!BoundCidrs.Allow(token.BoundCidrs, context.Request.RemoteAddress))
            {
                throw LogicalException.PermissionDenied();
            }

            return await next(context with { Token = token }, ct).ConfigureAwait(false);
        }
        finally
        {
            if (token.NumUses == TokenEntry.LastUse)
            {
                await _tokens.RevokeTreeAsync(token.Hash, CancellationToken.None).ConfigureAwait(false);
            }
        }
    }
}
