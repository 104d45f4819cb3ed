using System.Text.Json.Serialization;

namespace SecretVault.Core.Tokens;

/// <summary>A token role (<c>auth/token/roles/:name</c>).</summary>
public sealed record TokenRoleEntry
{
    [JsonPropertyName("name")] public required string Name { get; init; }
    [JsonPropertyName("allowed_policies")] public IReadOnlyList<string> AllowedPolicies { get; init; } = [];
    [JsonPropertyName("disallowed_policies")] public IReadOnlyList<string> DisallowedPolicies { get; init; } = [];
    [JsonPropertyName("allowed_policies_glob")] public IReadOnlyList<string> AllowedPoliciesGlob { get; init; } = [];
    [JsonPropertyName("disallowed_policies_glob")] public IReadOnlyList<string> DisallowedPoliciesGlob { get; init; } = [];
    [JsonPropertyName("orphan")] public bool Orphan { get; init; }
    [JsonPropertyName("renewable")] public bool Renewable { get; init; } = true;
    [JsonPropertyName("path_suffix")] public string PathSuffix { get; init; } = "";
    [JsonPropertyName("allowed_entity_aliases")] public IReadOnlyList<string> AllowedEntityAliases { get; init; } = [];
    [JsonPropertyName("token_bound_cidrs")] public IReadOnlyList<string> TokenBoundCidrs { get; init; } = [];
    [JsonPropertyName("token_explicit_max_ttl")] public long TokenExplicitMaxTtl { get; init; }
    [JsonPropertyName("token_no_default_policy")] public bool TokenNoDefaultPolicy { get; init; }
    [JsonPropertyName("token_num_uses")] public long TokenNumUses { get; init; }
    [JsonPropertyName("token_period")] public long TokenPeriod { get; init; }
    [JsonPropertyName("token_type")] public string TokenType { get; init; } = "default-service";

    public bool Equals(TokenRoleEntry? other) => other is not null && Name == other.Name && Orphan == other.Orphan && TokenType == other.TokenType
        && AllowedPolicies.SequenceEqual(other.AllowedPolicies) && DisallowedPolicies.SequenceEqual(other.DisallowedPolicies);

    public override int GetHashCode() => Name.GetHashCode(StringComparison.Ordinal);
}
