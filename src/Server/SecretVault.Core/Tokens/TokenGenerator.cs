using System.Security.Cryptography;

namespace SecretVault.Core.Tokens;

/// <summary>Random token and accessor strings from the OS CSPRNG.</summary>
public static class TokenGenerator
{
    /// <summary>Vault's prefix for service tokens.</summary>
    public const string ServicePrefix = "hvs.";

    private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    // Vault's length (1.10+): clients that choose their own generate-root OTP make it len("hvs.") + 24 characters.
    // 24 base62 characters carry 142.9 bits, as Vault's.
    private const int ServiceRandomLength = 24;

    // Vault's batch tokens are encrypted blobs longer than service tokens; ours are random identifiers of a stored
    // entry, kept longer than a service token (196 bits) so that the two kinds never share a length.
    private const int BatchRandomLength = 33;

    /// <summary>The length of every service (and root) token: 28, as Vault's.</summary>
    public const int ServiceTokenLength = 4 + ServiceRandomLength; // "hvs." and the random part

    /// <summary>A new service token: <c>hvs.</c> and 24 base62 characters.</summary>
    public static string NewServiceToken() => ServicePrefix + RandomNumberGenerator.GetString(Base62, ServiceRandomLength);

    /// <summary>Vault's prefix for batch tokens.</summary>
    public const string BatchPrefix = "hvb.";

    /// <summary>A new batch token: <c>hvb.</c> and 33 base62 characters.</summary>
    public static string NewBatchToken() => BatchPrefix + RandomNumberGenerator.GetString(Base62, BatchRandomLength);

    /// <summary>A new accessor: 24 base62 characters, as Vault's.</summary>
    public static string NewAccessor() => RandomNumberGenerator.GetString(Base62, 24);
}
