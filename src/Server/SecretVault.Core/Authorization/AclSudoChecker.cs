using SecretVault.Core.Policies;
using SecretVault.Core.Tokens;
using SecretVault.Sdk.Logical;

namespace SecretVault.Core.Authorization;

/// <summary>Answers whether a token's policies grant sudo on a path: the token store asks it for privileged create parameters.</summary>
public sealed class AclSudoChecker : ISudoChecker
{
    private readonly TokenStore _tokens;
    private readonly PolicyStore _policies;

    public AclSudoChecker(TokenStore tokens, PolicyStore policies)
    {
        _tokens = tokens;
        _policies = policies;
    }

    public async Task<bool> HasSudoAsync(string path, string? clientToken, CancellationToken ct)
    {
        var token = await _tokens.LookupAsync(clientToken, ct).ConfigureAwait(false);
        if (token is null)
        {
            return false;
        }

        var acl = await _policies.GetAclAsync(token.Policies, ct).ConfigureAwait(false);
        return acl.Evaluate(path, Operation.Update, null, isRootPath: true).Allowed;
    }
}
