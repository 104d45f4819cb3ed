using SecretVault.Core.Responses;
using SecretVault.Core.Tokens;
using SecretVault.Core.Wrapping;
using SecretVault.Sdk.Logical;
using SecretVault.Storage.Abstractions;

namespace SecretVault.Core.Pipeline.Steps;

/// <summary>
/// Authorization of an authenticated request: a write becomes create or update by the backend's existence check,
/// then the token's ACL must allow the operation on the full path (and on the path as the backend normalizes it),
/// with sudo on a root path, and allow the wrapping TTL asked for. A path no mount serves answers 404 only to a
/// caller allowed there: an unknown route and a forbidden one look alike.
/// </summary>
public sealed class AuthorizationStep : IRequestStep
{
    private readonly AclAuthorizer _authorizer;

    public AuthorizationStep(AclAuthorizer authorizer)
    {
        _authorizer = authorizer;
    }

    /// <inheritdoc />
    public async Task<ResponseEnvelope?> InvokeAsync(RequestContext context, RequestStepDelegate next, CancellationToken ct)
    {
        if (context.Token is not { } token)
        {
            return await next(context, ct).ConfigureAwait(false);
        }

        var request = context.Request;
        if (context.Match is not { } match || context.Routed is not { } routed)
        {
            await _authorizer.AuthorizeAsync(token, request.Path, request.Operation, request.Data, isRootPath: false, normalizedPath: null, ct).ConfigureAwait(false);
            throw new LogicalException(404, $"no handler for route \"{request.Path}\". route entry not found.");
        }

        var isRootPath = PathPatterns.MatchesAny(match.Backend.RootPaths, routed.Path);
        if (routed.Operation == Operation.Update)
        {
            routed = routed with { Operation = await CreateOrUpdateAsync(context, routed, token, isRootPath, ct).ConfigureAwait(false) };
        }

        var normalized = match.Backend.NormalizedPathOf(routed.Path) is { } relative ? match.MountPoint + relative : null;
        var acl = await _authorizer.AuthorizeAsync(token, request.Path, routed.Operation, routed.Data, isRootPath, normalized, ct).ConfigureAwait(false);
        WrappingRules.Check(acl, request.WrapTtl);
        return await next(context with { Routed = routed, Acl = acl }, ct).ConfigureAwait(false);
    }

    // A write asks for create when the backend's existence check finds no target, else update. The check runs before
    // the ACL, so when it refuses the input (a path no storage key can have), only a caller who may write there
    // learns it: everyone else is denied, as on a path that does not exist.
    private async Task<Operation> CreateOrUpdateAsync(RequestContext context, LogicalRequest routed, TokenEntry token, bool isRootPath, CancellationToken ct)
    {
        try
        {
            var existence = await context.RequiredMatch.Backend.ExistenceCheckAsync(routed, ct).ConfigureAwait(false);
            return existence is { Checked: true, Exists: false } ? Operation.Create : Operation.Update;
        }
        catch (Exception ex) when (ex is LogicalException { StatusCode: >= 400 and < 500 } or InvalidStorageKeyException)
        {
            var acl = await _authorizer.AclOfAsync(token, ct).ConfigureAwait(false);
            var path = context.Request.Path;
            if (!acl.Evaluate(path, Operation.Create, routed.Data, isRootPath).Allowed && !acl.Evaluate(path, Operation.Update, routed.Data, isRootPath).Allowed)
            {
                throw LogicalException.PermissionDenied();
            }

            throw;
        }
    }
}
