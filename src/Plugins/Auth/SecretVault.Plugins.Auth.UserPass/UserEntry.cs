using SecretVault.Sdk.Framework;

namespace SecretVault.Plugins.Auth.UserPass;

/// <summary>A stored user, at <c>user/&lt;name&gt;</c>: the bcrypt hash of the password (never the password) and the token settings.</summary>
internal sealed record UserEntry
{
    /// <summary>The bcrypt string (<c>$2y$10$...</c>).</summary>
    public required string PasswordHash { get; init; }

    /// <summary>The token_* settings applied to tokens issued at login.</summary>
    public TokenSettings Token { get; init; } = new();
}
