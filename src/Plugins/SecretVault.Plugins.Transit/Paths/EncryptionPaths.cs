using SecretVault.Plugins.Transit.Crypto;
using SecretVault.Plugins.Transit.Keys;
using SecretVault.Sdk.Framework;
using SecretVault.Sdk.Logical;

namespace SecretVault.Plugins.Transit.Paths;

/// <summary><c>encrypt/:name</c> (creating the key on first use when the caller may create), <c>decrypt/:name</c> and <c>rewrap/:name</c>.</summary>
internal static class EncryptionPaths
{
    private const int MaxRotationRounds = 8;

    public static IEnumerable<PathDefinition> Create(TransitBackend backend)
    {
        yield return new PathDefinition
        {
            Pattern = $"encrypt/{TransitBackend.NamePattern}",
            Fields = Fields(new()
            {
                ["plaintext"] = new(FieldType.String, "Base64 plaintext."),
                ["key_version"] = new(FieldType.Int, "Version to encrypt with; 0 means the latest."),
                ["type"] = new(FieldType.String, "Type of a key created by this request.") { Default = "aes256-gcm96" },
                ["convergent_encryption"] = new(FieldType.Bool, "Convergent mode for a key created by this request."),
            }),
            ExistenceCheck = async (request, data, ct) => await backend.Keys.GetAsync(request.RequiredStorage, data.GetString("name"), ct).ConfigureAwait(false) is not null,
            Operations = new Dictionary<Operation, PathHandler>
            {
                [Operation.Create] = async (request, data, ct) =>
                {
                    var policy = await UpsertAsync(backend, request, data, ct).ConfigureAwait(false);
                    return Respond(backend, await Batch.RunAsync(request, data, item => EncryptAsync(backend, request, policy, item, null, ct)).ConfigureAwait(false));
                },
                [Operation.Update] = async (request, data, ct) =>
                {
                    var policy = await backend.RequireKeyAsync(request, data.GetString("name"), ct).ConfigureAwait(false);
                    return Respond(backend, await Batch.RunAsync(request, data, item => EncryptAsync(backend, request, policy, item, null, ct)).ConfigureAwait(false));
                },
            },
            HelpSynopsis = "Encrypt base64 plaintext with a named key.",
        };
        yield return new PathDefinition
        {
            Pattern = $"decrypt/{TransitBackend.NamePattern}",
            Fields = Fields(new()
            {
                ["ciphertext"] = new(FieldType.String, "The vault:v<N>:... ciphertext."),
            }),
            Operations = new Dictionary<Operation, PathHandler>
            {
                [Operation.Update] = async (request, data, ct) =>
                {
                    var policy = await backend.RequireKeyAsync(request, data.GetString("name"), ct).ConfigureAwait(false);
                    return Respond(backend, await Batch.RunAsync(request, data, item => new Dictionary<string, object?>(StringComparer.Ordinal)
                    {
                        ["plaintext"] = Convert.ToBase64String(Decrypt(policy, item)),
                    }));
                },
            },
            HelpSynopsis = "Decrypt a ciphertext with a named key; the plaintext comes back base64-encoded.",
        };
        yield return new PathDefinition
        {
            Pattern = $"rewrap/{TransitBackend.NamePattern}",
            Fields = Fields(new()
            {
                ["ciphertext"] = new(FieldType.String, "The vault:v<N>:... ciphertext."),
                ["key_version"] = new(FieldType.Int, "Version to re-encrypt with; 0 means the latest."),
            }),
            Operations = new Dictionary<Operation, PathHandler>
            {
                [Operation.Update] = async (request, data, ct) =>
                {
                    var policy = await backend.RequireKeyAsync(request, data.GetString("name"), ct).ConfigureAwait(false);
                    return Respond(backend, await Batch.RunAsync(request, data, async item =>
                    {
                        var plaintext = Decrypt(policy, item);
                        try
                        {
                            return await EncryptAsync(backend, request, policy, item, plaintext, ct).ConfigureAwait(false);
                        }
                        finally
                        {
                            System.Security.Cryptography.CryptographicOperations.ZeroMemory(plaintext);
                        }
                    }).ConfigureAwait(false));
                },
            },
            HelpSynopsis = "Decrypt a ciphertext and encrypt it again with the latest (or a given) version, without showing the plaintext.",
        };
    }

    /// <summary>
    /// Encrypts <paramref name="plaintext"/>, or the item's base64 <c>plaintext</c>, as Vault's encrypt does. Each
    /// random-nonce encryption is counted against its version's limit; when the latest version reaches it the key
    /// rotates and the new version encrypts.
    /// </summary>
    public static async ValueTask<Dictionary<string, object?>> EncryptAsync(TransitBackend backend, LogicalRequest request, KeyPolicy policy, BatchItem item, byte[]? plaintext, CancellationToken ct)
    {
        RefuseNonce(item);
        if (!policy.Type.SupportsEncryption())
        {
            throw LogicalException.BadRequest($"key type {policy.Type.Name()} does not support encryption");
        }

        plaintext ??= item.RequiredBase64("plaintext", "missing plaintext to encrypt");
        var requested = item.Int("key_version");
        var version = policy.ForEncryption(requested);
        // Concurrent requests may use up a fresh version too; a few rounds settle it at any real limit.
        for (var round = 0; policy.Type.IsSymmetric() && !await backend.Keys.TryCountEncryptionAsync(request.RequiredStorage, policy, version, ct).ConfigureAwait(false); round++)
        {
            if (requested != 0)
            {
                throw LogicalException.BadRequest($"key version {version.Version} has reached its limit of encryptions; encrypt with a newer version");
            }

            if (round == MaxRotationRounds)
            {
                throw LogicalException.BadRequest("the key's latest version has reached its limit of encryptions");
            }

            policy = await backend.RotatePastAsync(request.RequiredStorage, policy.Name, version.Version, ct).ConfigureAwait(false);
            version = policy.Latest;
        }

        var raw = Encryption.Encrypt(policy, version, plaintext, item.Base64("context"), item.Base64("associated_data"));
        return new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["ciphertext"] = Ciphertext.Format(version.Version, raw),
            ["key_version"] = version.Version,
        };
    }

    public static byte[] Decrypt(KeyPolicy policy, BatchItem item)
    {
        RefuseNonce(item);
        if (!policy.Type.SupportsEncryption())
        {
            throw LogicalException.BadRequest($"key type {policy.Type.Name()} does not support decryption");
        }

        var text = item.String("ciphertext");
        if (string.IsNullOrEmpty(text))
        {
            throw LogicalException.BadRequest("missing ciphertext to decrypt");
        }

        var (number, raw) = Ciphertext.Parse(text);
        return Encryption.Decrypt(policy, policy.ForDecryption(number), raw, item.Base64("context"), item.Base64("associated_data"));
    }

    /// <summary>Fails the request when the mount was sealed while it ran, so no result made with zeroed keys leaves.</summary>
    public static LogicalResponse Respond(TransitBackend backend, LogicalResponse response)
    {
        backend.Keys.ThrowIfUnloaded();
        return response;
    }

    /// <summary>The fields every encryption path has, plus <paramref name="fields"/>.</summary>
    private static Dictionary<string, FieldSchema> Fields(Dictionary<string, FieldSchema> fields)
    {
        fields["name"] = new(FieldType.String, "Name of the key.");
        fields["context"] = new(FieldType.String, "Base64 context, for derived keys.");
        fields["nonce"] = new(FieldType.String, "Refused: the engine always chooses the nonce.");
        fields["associated_data"] = new(FieldType.String, "Base64 data authenticated but not encrypted (AEAD types).");
        fields["reference"] = new(FieldType.String, "Echoed in the batch result.");
        fields[Batch.InputField] = Batch.InputSchema;
        fields["partial_failure_response_code"] = Batch.PartialFailureSchema;
        return fields;
    }

    private static void RefuseNonce(BatchItem item)
    {
        // CVE-2023-4680: a caller's nonce on a GCM key can repeat one; convergent keys derive theirs.
        if (!string.IsNullOrEmpty(item.String("nonce")))
        {
            throw LogicalException.BadRequest("nonce provided when not allowed");
        }
    }

    private static async Task<KeyPolicy> UpsertAsync(TransitBackend backend, LogicalRequest request, FieldData data, CancellationToken ct)
    {
        var name = data.GetString("name");
        if (await ConfigPaths.UpsertDisabledAsync(request.RequiredStorage, ct).ConfigureAwait(false))
        {
            return await backend.RequireKeyAsync(request, name, ct).ConfigureAwait(false);
        }

        // As Vault: the new key is derived when the request carries a context.
        var items = Batch.Items(data) ?? [new BatchItem(request.Data)];
        var derived = items.Any(i => !string.IsNullOrEmpty(i.String("context")));
        var type = KeysPaths.ParseType(data.GetString("type"));
        if (!type.IsSymmetric())
        {
            // As Vault: upsert makes only symmetric keys (and no RSA key generation on the request path).
            throw LogicalException.BadRequest($"key type {type.Name()} cannot be created by encrypt");
        }

        var policy = await backend.Keys.UpdateAsync(request.RequiredStorage, name, current =>
            current ?? KeysPaths.NewPolicy(backend, name, type, derived, data.GetBool("convergent_encryption")), ct).ConfigureAwait(false);
        return policy!;
    }
}
