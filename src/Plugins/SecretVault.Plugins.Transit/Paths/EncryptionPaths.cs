using SecretVault.Plugins.Transit.Crypto;
using SecretVault.Plugins.Transit.Keys;
using SecretVault.Sdk.Framework;
using SecretVault.Sdk.Logical;

namespace SecretVault.Plugins.Transit.Paths;

/// <summary><c>encrypt/:name</c> (creating the key on first use when the caller may create), <c>decrypt/:name</c> and <c>rewrap/:name</c>.</summary>
internal static class EncryptionPaths
{
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
                    return Respond(backend, Batch.Run(request, data, item => Encrypt(policy, item)));
                },
                [Operation.Update] = async (request, data, ct) =>
                {
                    var policy = await backend.RequireKeyAsync(request, data.GetString("name"), ct).ConfigureAwait(false);
                    return Respond(backend, Batch.Run(request, data, item => Encrypt(policy, item)));
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
                    return Respond(backend, Batch.Run(request, data, item => new Dictionary<string, object?>(StringComparer.Ordinal)
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
                    return Respond(backend, Batch.Run(request, data, item =>
                    {
                        var plaintext = Decrypt(policy, item);
                        try
                        {
                            return Encrypt(policy, item, plaintext);
                        }
                        finally
                        {
                            System.Security.Cryptography.CryptographicOperations.ZeroMemory(plaintext);
                        }
                    }));
                },
            },
            HelpSynopsis = "Decrypt a ciphertext and encrypt it again with the latest (or a given) version, without showing the plaintext.",
        };
    }

    /// <summary>Encrypts <paramref name="plaintext"/>, or the item's base64 <c>plaintext</c>, as Vault's encrypt does.</summary>
    public static Dictionary<string, object?> Encrypt(KeyPolicy policy, BatchItem item, byte[]? plaintext = null)
    {
        RefuseNonce(item);
        if (!policy.Type.SupportsEncryption())
        {
            throw LogicalException.BadRequest($"key type {policy.Type.Name()} does not support encryption");
        }

        plaintext ??= item.RequiredBase64("plaintext", "missing plaintext to encrypt");
        var version = policy.ForEncryption(item.Int("key_version"));
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
        if (!type.SupportsEncryption())
        {
            throw LogicalException.BadRequest($"key type {type.Name()} does not support encryption");
        }

        var policy = await backend.Keys.UpdateAsync(request.RequiredStorage, name, current =>
            current ?? KeysPaths.NewPolicy(backend, name, type, derived, data.GetBool("convergent_encryption")), ct).ConfigureAwait(false);
        return policy!;
    }
}
