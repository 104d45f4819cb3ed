using System.Text.Json.Serialization;
using SecretVault.Sdk.Logical;

namespace SecretVault.Plugins.Transit.Keys;

/// <summary>
/// A named key with all its versions and settings. Never changed once published: a change makes a new policy
/// (see <see cref="KeyStore.UpdateAsync"/>), so a request holds one consistent snapshot for its whole run.
/// </summary>
internal sealed record KeyPolicy
{
    /// <summary>The only KDF new derived keys get (HKDF-SHA256 with the context as info).</summary>
    public const string HkdfSha256 = "hkdf_sha256";

    /// <summary>The convergent scheme: nonce = HMAC-SHA256(derived HMAC key, plaintext)[:12].</summary>
    public const int CurrentConvergentVersion = 3;

    public required string Name { get; init; }

    [JsonConverter(typeof(KeyTypeJsonConverter))]
    public required KeyType Type { get; init; }

    public bool Derived { get; init; }

    public string? Kdf { get; init; }

    public bool ConvergentEncryption { get; init; }

    public int ConvergentVersion { get; init; }

    public bool Exportable { get; init; }

    public bool AllowPlaintextBackup { get; init; }

    public bool DeletionAllowed { get; init; }

    public long AutoRotatePeriodSeconds { get; init; }

    public int MinDecryptionVersion { get; init; } = 1;

    public int MinEncryptionVersion { get; init; }

    public int MinAvailableVersion { get; init; }

    public int LatestVersion { get; init; }

    /// <summary>Bytes of key for the hmac type; 0 for the others.</summary>
    public int KeySize { get; init; }

    public required IReadOnlyDictionary<int, KeyVersion> Versions { get; init; }

    /// <summary>Encryptions reserved in storage per version (see <see cref="EncryptionLimits"/>); absent means none.</summary>
    public IReadOnlyDictionary<int, long> EncryptionsReserved { get; init; } = new Dictionary<int, long>();

    public DateTimeOffset? BackupTime { get; init; }

    public int? BackupVersion { get; init; }

    public DateTimeOffset? RestoreTime { get; init; }

    public int? RestoreVersion { get; init; }

    [JsonIgnore]
    public KeyVersion Latest => Versions[LatestVersion];

    /// <summary>The version an encrypt, sign or HMAC uses: <paramref name="requested"/>, or the latest for 0.</summary>
    public KeyVersion ForEncryption(long requested)
    {
        if (requested == 0)
        {
            return Latest;
        }

        if (requested < 0 || requested > LatestVersion)
        {
            throw LogicalException.BadRequest("requested version for encryption is higher than the latest key version");
        }

        if (requested < MinEncryptionVersion)
        {
            throw LogicalException.BadRequest("requested version for encryption is less than the minimum encryption key version");
        }

        return Versions.TryGetValue((int)requested, out var version)
            ? version
            : throw LogicalException.BadRequest("requested version for encryption is less than the minimum encryption key version");
    }

    /// <summary>The version a decrypt or verify of a <paramref name="version"/> ciphertext uses; 400 when policy forbids it.</summary>
    public KeyVersion ForDecryption(int version)
    {
        if (version > LatestVersion)
        {
            throw LogicalException.BadRequest("invalid ciphertext: version is too new");
        }

        if (version < MinDecryptionVersion || !Versions.TryGetValue(version, out var found))
        {
            throw LogicalException.BadRequest("ciphertext or signature version is disallowed by policy (too old)");
        }

        return found;
    }

    public long ReservedFor(int version) => EncryptionsReserved.GetValueOrDefault(version);

    /// <summary>Whether auto-rotation is due at <paramref name="now"/>.</summary>
    public bool RotationDue(DateTimeOffset now) =>
        AutoRotatePeriodSeconds > 0 && now - Latest.CreationTime >= TimeSpan.FromSeconds(AutoRotatePeriodSeconds);

    /// <summary>Zeroes the key material of every version.</summary>
    public void Zero()
    {
        foreach (var version in Versions.Values)
        {
            version.Zero();
        }
    }
}
