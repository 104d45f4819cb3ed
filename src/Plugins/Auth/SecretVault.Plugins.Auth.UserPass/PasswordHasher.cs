using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Generators;
using SecretVault.Sdk.Logical;

namespace SecretVault.Plugins.Auth.UserPass;

/// <summary>
/// bcrypt (BouncyCastle's OpenBSD format) for user passwords. Every check runs the KDF, against a dummy
/// hash of the same cost when the user does not exist, so a login's duration does not reveal whether a
/// username is known (CVE-2025-6011).
/// </summary>
internal sealed partial class PasswordHasher
{
    /// <summary>Vault's userpass cost (Go's bcrypt.DefaultCost): about 80 ms a check, which slows guessing.</summary>
    public const int DefaultCost = 10;

    // bcrypt reads at most 72 bytes; a longer password would be silently truncated, so it is refused.
    private const int MaxPasswordBytes = 72;

    private readonly int _cost;
    private readonly Lazy<string> _dummyHash;

    public PasswordHasher(int cost)
    {
        _cost = cost;
        // A hash of a random password nobody knows, made with the same cost as real ones.
        _dummyHash = new Lazy<string>(() => Hash(Encoding.ASCII.GetBytes(RandomNumberGenerator.GetHexString(32))));
    }

    /// <summary>The bcrypt string of <paramref name="passwordUtf8"/>; 400 when it is empty or over 72 bytes.</summary>
    public string Hash(byte[] passwordUtf8)
    {
        if (passwordUtf8.Length == 0)
        {
            throw LogicalException.BadRequest("missing password");
        }

        if (passwordUtf8.Length > MaxPasswordBytes)
        {
            throw LogicalException.BadRequest("invalid value for field \"password\": bcrypt accepts at most 72 bytes");
        }

        var chars = Encoding.UTF8.GetChars(passwordUtf8);
        var salt = new byte[16];
        RandomNumberGenerator.Fill(salt);
        try
        {
            return OpenBsdBCrypt.Generate(chars, salt, _cost);
        }
        finally
        {
            Array.Clear(chars);
        }
    }

    /// <summary>
    /// True when <paramref name="passwordUtf8"/> matches <paramref name="storedHash"/>. With no stored hash
    /// (unknown user) the check runs against the dummy hash and returns false: same work, same answer.
    /// </summary>
    public bool Verify(string? storedHash, byte[] passwordUtf8)
    {
        var known = storedHash is not null && passwordUtf8.Length <= MaxPasswordBytes;
        var hash = known ? storedHash! : _dummyHash.Value;
        var chars = Encoding.UTF8.GetChars(passwordUtf8, 0, Math.Min(passwordUtf8.Length, MaxPasswordBytes));
        try
        {
            return OpenBsdBCrypt.CheckPassword(hash, chars) && known;
        }
        catch (Exception e) when (e is DataLengthException or ArgumentException)
        {
            return false;
        }
        finally
        {
            Array.Clear(chars);
        }
    }

    /// <summary>Warms the dummy hash so the first unknown-user login is not slower than later ones.</summary>
    public void Prepare() => _ = _dummyHash.Value;

    /// <summary>True for a well-formed bcrypt string of cost 5 to 12 (OpenBao's password_hash import).</summary>
    public static bool IsImportableHash(string hash) => BcryptPattern().IsMatch(hash);

    [GeneratedRegex(@"^\$2[aby]\$(0[5-9]|1[0-2])\$[./A-Za-z0-9]{53}$", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex BcryptPattern();
}
