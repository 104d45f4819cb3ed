using SecretVault.Plugins.Transit.Crypto;
using SecretVault.Plugins.Transit.Keys;
using SecretVault.Sdk.Framework;
using SecretVault.Sdk.Logical;

namespace SecretVault.Plugins.Transit.Paths;

/// <summary><c>keys</c> (LIST) and <c>keys/:name</c>: create, read and delete keys.</summary>
internal static class KeysPaths
{
    private const int DefaultHmacKeySize = 32;
    private const int MaxHmacKeySize = 512;
    private static readonly TimeSpan MinAutoRotatePeriod = TimeSpan.FromHours(1);

    public static IEnumerable<PathDefinition> Create(TransitBackend backend)
    {
        yield return new PathDefinition
        {
            Pattern = "keys/?",
            Operations = new Dictionary<Operation, PathHandler>
            {
                [Operation.List] = async (request, data, ct) =>
                    LogicalResponse.List(await backend.Keys.ListAsync(request.RequiredStorage, ct).ConfigureAwait(false)),
            },
            HelpSynopsis = "List the named keys.",
        };
        yield return new PathDefinition
        {
            Pattern = $"keys/{TransitBackend.NamePattern}",
            Fields = new Dictionary<string, FieldSchema>(StringComparer.Ordinal)
            {
                ["name"] = new(FieldType.String, "Name of the key."),
                ["type"] = new(FieldType.String, "aes128-gcm96, aes256-gcm96 (default), chacha20-poly1305, ed25519, ecdsa-p256/p384/p521, rsa-2048/3072/4096, hmac, ml-dsa-44/65/87.") { Default = "aes256-gcm96" },
                ["derived"] = new(FieldType.Bool, "Derive a key per request context (HKDF-SHA256)."),
                ["convergent_encryption"] = new(FieldType.Bool, "Deterministic encryption: equal plaintext and context give equal ciphertext; requires derived."),
                ["exportable"] = new(FieldType.Bool, "Allow the key to be exported; cannot be undone."),
                ["allow_plaintext_backup"] = new(FieldType.Bool, "Allow a plaintext backup of the key; cannot be undone."),
                ["key_size"] = new(FieldType.Int, "Bytes of key for the hmac type (32 to 512, default 32)."),
                ["auto_rotate_period"] = new(FieldType.Duration, "Rotate the key this long after its latest version; 0 disables, else at least 1h."),
            },
            Operations = new Dictionary<Operation, PathHandler>
            {
                [Operation.Update] = (request, data, ct) => CreateKeyAsync(backend, request, data, ct),
                [Operation.Read] = async (request, data, ct) =>
                    await backend.Keys.GetAsync(request.RequiredStorage, data.GetString("name"), ct).ConfigureAwait(false) is { } policy
                        ? LogicalResponse.WithData(KeyInfo.Build(policy))
                        : null,
                [Operation.Delete] = async (request, data, ct) =>
                {
                    var name = data.GetString("name");
                    await backend.Keys.UpdateAsync(request.RequiredStorage, name, current => current switch
                    {
                        // Vault prefixes every refusal of a delete with the key's name.
                        null => throw LogicalException.BadRequest($"error deleting policy {name}: could not delete key; not found"),
                        { DeletionAllowed: false } => throw LogicalException.BadRequest($"error deleting policy {name}: deletion is not allowed for this key"),
                        _ => null,
                    }, ct).ConfigureAwait(false);
                    return null;
                },
            },
            HelpSynopsis = "Create, read or delete a named key.",
        };
    }

    /// <summary>Settings of a new key from a create request (also used by encrypt's upsert).</summary>
    public static KeyPolicy NewPolicy(TransitBackend backend, string name, KeyType type, bool derived, bool convergent, int keySize = 0, TimeSpan autoRotate = default, bool exportable = false, bool allowPlaintextBackup = false)
    {
        if (convergent && !derived)
        {
            throw LogicalException.BadRequest("convergent encryption requires derivation to be enabled");
        }

        if (derived && !type.SupportsDerivation())
        {
            throw LogicalException.BadRequest($"key derivation is not supported for key type {type.Name()}");
        }

        if (convergent && !type.IsSymmetric())
        {
            throw LogicalException.BadRequest($"convergent encryption is not supported for keys of type {type.Name()}");
        }

        if (type == KeyType.Hmac)
        {
            keySize = keySize == 0 ? DefaultHmacKeySize : keySize;
            if (keySize is < DefaultHmacKeySize or > MaxHmacKeySize)
            {
                throw LogicalException.BadRequest($"invalid key_size for an HMAC key: must be between {DefaultHmacKeySize} and {MaxHmacKeySize} bytes");
            }
        }
        else if (keySize != 0)
        {
            throw LogicalException.BadRequest("key_size is only valid for hmac keys");
        }

        CheckAutoRotatePeriod(autoRotate);
        return new KeyPolicy
        {
            Name = name,
            Type = type,
            Derived = derived,
            Kdf = derived ? KeyPolicy.HkdfSha256 : null,
            ConvergentEncryption = convergent,
            ConvergentVersion = convergent ? KeyPolicy.CurrentConvergentVersion : 0,
            Exportable = exportable,
            AllowPlaintextBackup = allowPlaintextBackup,
            AutoRotatePeriodSeconds = (long)autoRotate.TotalSeconds,
            KeySize = keySize,
            LatestVersion = 1,
            Versions = new SortedDictionary<int, KeyVersion> { [1] = KeyGenerator.Create(type, 1, backend.Time.GetUtcNow(), keySize) },
        };
    }

    public static KeyType ParseType(string name) =>
        KeyTypes.TryParse(name, out var type) ? type : throw LogicalException.BadRequest($"unknown key type {name}");

    public static void CheckAutoRotatePeriod(TimeSpan period)
    {
        if (period != TimeSpan.Zero && period < MinAutoRotatePeriod)
        {
            throw LogicalException.BadRequest("auto rotate period must be 0 to disable or at least an hour");
        }
    }

    private static async Task<LogicalResponse?> CreateKeyAsync(TransitBackend backend, LogicalRequest request, FieldData data, CancellationToken ct)
    {
        var name = data.GetString("name");
        var type = ParseType(data.GetString("type"));
        var derived = data.GetBool("derived");
        var convergent = data.GetBool("convergent_encryption");
        var keySize = (int)Math.Clamp(data.GetInt("key_size"), int.MinValue, int.MaxValue);
        var autoRotate = data.GetDuration("auto_rotate_period");
        var existed = false;
        var policy = await backend.Keys.UpdateAsync(request.RequiredStorage, name, current =>
        {
            existed = current is not null;
            return current ?? NewPolicy(backend, name, type, derived, convergent, keySize, autoRotate, data.GetBool("exportable"), data.GetBool("allow_plaintext_backup"));
        }, ct).ConfigureAwait(false);
        var response = LogicalResponse.WithData(KeyInfo.Build(policy!));
        if (existed)
        {
            return response.WithWarning($"key {name} already existed");
        }

        return response;
    }
}
