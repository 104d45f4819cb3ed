using SecretVault.Sdk.Framework;

namespace SecretVault.Plugins.Auth.AppRole;

/// <summary>A stored role, at <c>role/&lt;name&gt;</c>.</summary>
internal sealed record RoleEntry
{
    /// <summary>The role's name, lower-case.</summary>
    public required string Name { get; init; }

    /// <summary>An internal UUID fixed at creation. Secret IDs are filed under it, so a role deleted and created
    /// again under the same name never inherits a secret ID left behind.</summary>
    public required string Id { get; init; }

    /// <summary>The role ID presented at login.</summary>
    public required string RoleId { get; init; }

    /// <summary>Base64 of the 32-byte HMAC key under which this role's secret IDs are stored.</summary>
    public required string HmacKey { get; init; }

    public bool BindSecretId { get; init; } = true;

    public IReadOnlyList<string> SecretIdBoundCidrs { get; init; } = [];

    /// <summary>Default use limit of new secret IDs; zero for unlimited.</summary>
    public int SecretIdNumUses { get; init; }

    /// <summary>Default lifetime of new secret IDs; zero for no expiry.</summary>
    public TimeSpan SecretIdTtl { get; init; }

    public bool LocalSecretIds { get; init; }

    public TokenSettings Token { get; init; } = new();

    public bool Equals(RoleEntry? other) =>
        other is not null
        && Name == other.Name && Id == other.Id && RoleId == other.RoleId && HmacKey == other.HmacKey
        && BindSecretId == other.BindSecretId && SecretIdBoundCidrs.SequenceEqual(other.SecretIdBoundCidrs, StringComparer.Ordinal)
        && SecretIdNumUses == other.SecretIdNumUses && SecretIdTtl == other.SecretIdTtl
        && LocalSecretIds == other.LocalSecretIds && Token.Equals(other.Token);

    public override int GetHashCode() => HashCode.Combine(Name, Id, RoleId, Token);
}
