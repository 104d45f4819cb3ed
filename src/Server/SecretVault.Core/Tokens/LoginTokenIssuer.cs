using SecretVault.Core.Mounts;
using SecretVault.Core.Policies;
using SecretVault.Sdk.Logical;

namespace SecretVault.Core.Tokens;

/// <summary>Mints the token of a successful login from the auth method's <see cref="AuthResult"/> and its mount's limits.</summary>
public sealed class LoginTokenIssuer
{
    private readonly TokenStore _tokens;
    private readonly VaultOptions _options;
    private readonly TimeProvider _time;

    public LoginTokenIssuer(TokenStore tokens, VaultOptions options, TimeProvider time)
    {
        _tokens = tokens;
        _options = options;
        _time = time;
    }

    public async Task<IssuedAuth> IssueAsync(AuthResult auth, MountEntry mount, string requestPath, CancellationToken ct = default)
    {
        // Only the root-generation flow may mint root; an auth method asking for it is refused (CVE-2024-9180).
        if (auth.Policies.Any(PolicyNames.IsRoot))
        {
            throw LogicalException.BadRequest("an auth method cannot grant the root policy");
        }

        var policies = auth.Policies.Select(PolicyNames.Normalize).Where(p => p.Length > 0).ToList();
        TokenPolicyResolver.RefuseUnassignable(policies);
        if (!auth.NoDefaultPolicy)
        {
            policies.Add(PolicyNames.Default);
        }

        var mountTtls = MountTtls.Of(mount, _options);
        var (ttl, max, period, _) = TokenLimits.Resolve(auth.Ttl, auth.MaxTtl, auth.ExplicitMaxTtl, auth.Period, mountTtls.Default, mountTtls.Max);
        var type = auth.TokenType switch
        {
            "batch" or "service" => auth.TokenType,
            _ => mount.Config.TokenType is "batch" or "default-batch" ? "batch" : "service",
        };
        var (token, entry) = await _tokens.CreateAsync(new TokenCreateRequest
        {
            Policies = [.. policies.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
            Meta = auth.Metadata.Count == 0 ? null : auth.Metadata,
            Path = requestPath,
            DisplayName = $"{mount.Path.TrimEnd('/').Replace('/', '-')}-{auth.DisplayName}",
            Ttl = ttl,
            MaxTtl = max,
            ExplicitMaxTtl = auth.ExplicitMaxTtl,
            Period = period,
            NumUses = auth.NumUses,
            Renewable = auth.Renewable,
            Type = type,
            BoundCidrs = auth.BoundCidrs,
        }, ct).ConfigureAwait(false);
        return TokenResponses.Auth(token, entry, _time.GetUtcNow());
    }
}
