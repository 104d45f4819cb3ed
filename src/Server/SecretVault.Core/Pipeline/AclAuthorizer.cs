using System.Text.Json;
using SecretVault.Core.Policies;
using SecretVault.Core.Tokens;
using SecretVault.Sdk.Logical;

namespace SecretVault.Core.Pipeline;

/// <summary>Evaluates a token's ACL on a path and refuses with 403 when it does not allow the operation.</summary>
public sealed class AclAuthorizer
{
    private readonly PolicyStore _policies;

    public AclAuthorizer(PolicyStore policies)
    {
        _policies = policies;
    }

    /// <summary>The token's ACL.</summary>
    public Task<Acl> AclOfAsync(TokenEntry token, CancellationToken ct) => _policies.GetAclAsync(token.Policies, ct);

    /// <summary>
    /// The allowing decision for <paramref name="operation"/> on <paramref name="path"/>, or 403. normalizedPath: the path
    /// with the names the backend normalizes written as stored (users/ALICE acts on users/alice), allowed too.
    /// </summary>
    public async Task<AclResult> AuthorizeAsync(TokenEntry token, string path, Operation operation, IReadOnlyDictionary<string, JsonElement>? data, bool isRootPath, string? normalizedPath, CancellationToken ct)
    {
        var acl = await AclOfAsync(token, ct).ConfigureAwait(false);
        var result = acl.Evaluate(path, operation, data, isRootPath);

        // A name normalized after this check acts on the normalized path, so that path must be allowed too.
        var allowed = result.Allowed && (normalizedPath is null || acl.Evaluate(normalizedPath, operation, data, isRootPath).Allowed);
        return allowed ? result : throw LogicalException.PermissionDenied();
    }
}
