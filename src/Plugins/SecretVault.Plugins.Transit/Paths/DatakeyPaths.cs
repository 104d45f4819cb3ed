using System.Security.Cryptography;
using SecretVault.Sdk.Framework;
using SecretVault.Sdk.Logical;

namespace SecretVault.Plugins.Transit.Paths;

/// <summary><c>datakey/plaintext/:name</c> and <c>datakey/wrapped/:name</c>: a new random key, encrypted under the named key.</summary>
internal static class DatakeyPaths
{
    public static IEnumerable<PathDefinition> Create(TransitBackend backend)
    {
        yield return new PathDefinition
        {
            Pattern = $"datakey/(?<plaintext>[^/]+)/{TransitBackend.NamePattern}",
            Fields = new Dictionary<string, FieldSchema>(StringComparer.Ordinal)
            {
                ["plaintext"] = new(FieldType.String, "plaintext (answer the key too) or wrapped (only its ciphertext)."),
                ["name"] = new(FieldType.String, "Name of the key."),
                ["context"] = new(FieldType.String, "Base64 context, for derived keys."),
                ["nonce"] = new(FieldType.String, "Refused."),
                ["bits"] = new(FieldType.Int, "Bits of the new key: 128, 256 or 512.") { Default = 256L },
                ["key_version"] = new(FieldType.Int, "Version to encrypt with; 0 means the latest."),
            },
            Operations = new Dictionary<Operation, PathHandler>
            {
                [Operation.Update] = async (request, data, ct) =>
                {
                    // Vault's order and words: the path's type, then the key, then the bits.
                    var kind = data.GetString("plaintext");
                    if (kind is not ("plaintext" or "wrapped"))
                    {
                        throw LogicalException.BadRequest("Invalid path, must be 'plaintext' or 'wrapped'");
                    }

                    var policy = await backend.RequireKeyAsync(request, data.GetString("name"), ct).ConfigureAwait(false);
                    var bits = data.GetInt("bits");
                    if (bits is not (128 or 256 or 512))
                    {
                        throw LogicalException.BadRequest("invalid bit length");
                    }

                    var newKey = RandomNumberGenerator.GetBytes((int)bits / 8);
                    try
                    {
                        // The request's own context, nonce and key_version govern how the new key is encrypted.
                        var result = await EncryptionPaths.EncryptAsync(backend, request, policy, new BatchItem(request.Data), newKey, ct).ConfigureAwait(false);
                        if (kind == "plaintext")
                        {
                            result["plaintext"] = Convert.ToBase64String(newKey);
                        }

                        return EncryptionPaths.Respond(backend, LogicalResponse.WithData(result));
                    }
                    finally
                    {
                        CryptographicOperations.ZeroMemory(newKey);
                    }
                },
            },
            HelpSynopsis = "Generate a data key encrypted under a named key.",
        };
    }
}
