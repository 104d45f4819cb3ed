using System.Security.Cryptography;

namespace SecretVault.Core.Tokens;

/// <summary>Random token and accessor strings from the OS CSPRNG.</summary>
public static class TokenGenerator
{
    /// <summary>Vault's prefix for service tokens.</summary>
    public const string ServicePrefix = "hvs.";

    private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    // 33 base62 characters carry 196 bits: at least 24 bytes of entropy per token.
    private const int TokenLength = 33;

    /// <summary>The length of every service token.</summary>
    public const int ServiceTokenLength = 4 + TokenLength; // "hvs." and the random part

    /// <summary>A new service token: <c>hvs.</c> and 33 base62 characters.</summary>
    public static string NewServiceToken() => ServicePrefix + RandomNumberGenerator.GetString(Base62, TokenLength);

    /// <summary>Vault's prefix for batch tokens.</summary>
    public const string BatchPrefix = "hvb.";

    /// <summary>A new batch token: <c>hvb.</c> and 33 base62 characters.</summary>
    public static string NewBatchToken() => BatchPrefix + RandomNumberGenerator.GetString(Base62, TokenLength);

    /// <summary>A new accessor: 24 base62 characters, as Vault's.</summary>
    public static string NewAccessor() => RandomNumberGenerator.GetString(Base62, 24);
}
