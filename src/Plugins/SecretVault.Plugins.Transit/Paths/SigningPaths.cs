using System.Security.Cryptography;
using SecretVault.Plugins.Transit.Crypto;
using SecretVault.Plugins.Transit.Keys;
using SecretVault.Sdk.Framework;
using SecretVault.Sdk.Logical;

namespace SecretVault.Plugins.Transit.Paths;

/// <summary><c>hmac/:name[/:algorithm]</c>, <c>sign/:name[/:algorithm]</c> and <c>verify/:name[/:algorithm]</c> (signatures and HMACs).</summary>
internal static class SigningPaths
{
    private const string AlgorithmSuffix = "(?:/(?<urlalgorithm>[^/]+))?";

    public static IEnumerable<PathDefinition> Create(TransitBackend backend)
    {
        yield return new PathDefinition
        {
            Pattern = $"hmac/{TransitBackend.NamePattern}{AlgorithmSuffix}",
            Fields = Fields(new()
            {
                ["algorithm"] = new(FieldType.String, "sha2-224, sha2-256 (default), sha2-384, sha2-512, sha3-224/256/384/512.") { Default = "sha2-256" },
                ["key_version"] = new(FieldType.Int, "Version to use; 0 means the latest."),
            }),
            Operations = new Dictionary<Operation, PathHandler>
            {
                [Operation.Update] = async (request, data, ct) =>
                {
                    var policy = await backend.RequireKeyAsync(request, data.GetString("name"), ct).ConfigureAwait(false);
                    var algorithm = DigestAlgorithms.Get(Algorithm(data, "algorithm"));
                    return EncryptionPaths.Respond(backend, await Batch.RunAsync(request, data, item =>
                    {
                        var input = item.RequiredBase64("input", "missing input for HMAC");
                        var version = policy.ForEncryption(item.Has("key_version") ? item.Int("key_version") : data.GetInt("key_version"));
                        return new Dictionary<string, object?>(StringComparer.Ordinal)
                        {
                            ["hmac"] = Ciphertext.Format(version.Version, algorithm.Hmac(version.HmacKey, input)),
                        };
                    }));
                },
            },
            HelpSynopsis = "HMAC base64 input with a named key's HMAC key.",
        };
        yield return new PathDefinition
        {
            Pattern = $"sign/{TransitBackend.NamePattern}{AlgorithmSuffix}",
            Fields = Fields(SignatureFields(new()
            {
                ["key_version"] = new(FieldType.Int, "Version to sign with; 0 means the latest."),
            })),
            Operations = new Dictionary<Operation, PathHandler>
            {
                [Operation.Update] = async (request, data, ct) =>
                {
                    var policy = await backend.RequireKeyAsync(request, data.GetString("name"), ct).ConfigureAwait(false);
                    RequireSigning(policy);
                    var options = Options(data);
                    var version = policy.ForEncryption(data.GetInt("key_version"));
                    return EncryptionPaths.Respond(backend, await Batch.RunAsync(request, data, item =>
                    {
                        var input = item.RequiredBase64("input", "missing input");
                        var context = item.Base64("context");
                        var result = new Dictionary<string, object?>(StringComparer.Ordinal)
                        {
                            ["signature"] = Ciphertext.Format(version.Version, Signing.Sign(policy, version, input, context, options), options.Jws),
                            ["key_version"] = version.Version,
                        };
                        if (policy.Derived)
                        {
                            result["publickey"] = Convert.ToBase64String(Signing.Ed25519PublicKey(policy, version, context));
                        }

                        return result;
                    }));
                },
            },
            HelpSynopsis = "Sign base64 input with a named asymmetric key.",
        };
        yield return new PathDefinition
        {
            Pattern = $"verify/{TransitBackend.NamePattern}{AlgorithmSuffix}",
            Fields = Fields(SignatureFields(new()
            {
                ["signature"] = new(FieldType.String, "The vault:v<N>:... signature to check."),
                ["hmac"] = new(FieldType.String, "The vault:v<N>:... HMAC to check (instead of a signature)."),
                ["algorithm"] = new(FieldType.String, "The HMAC's hash algorithm (sha2-256 by default).") { Default = "sha2-256" },
            })),
            Operations = new Dictionary<Operation, PathHandler>
            {
                [Operation.Update] = async (request, data, ct) =>
                {
                    var policy = await backend.RequireKeyAsync(request, data.GetString("name"), ct).ConfigureAwait(false);
                    var items = Batch.Items(data) ?? [new BatchItem(request.Data)];
                    var anyHmac = items.Any(i => i.Has("hmac"));
                    if (anyHmac && items.Any(i => i.Has("signature")))
                    {
                        throw LogicalException.BadRequest("provide one of 'signature' or 'hmac', not both");
                    }

                    if (!anyHmac)
                    {
                        RequireSigning(policy);
                    }

                    var options = anyHmac ? null : Options(data);
                    var hmacAlgorithm = anyHmac ? DigestAlgorithms.Get(Algorithm(data, data.Has("algorithm") ? "algorithm" : "hash_algorithm")) : null;
                    return EncryptionPaths.Respond(backend, await Batch.RunAsync(request, data, item => new Dictionary<string, object?>(StringComparer.Ordinal)
                    {
                        ["valid"] = hmacAlgorithm is not null ? VerifyHmac(policy, item, hmacAlgorithm) : VerifySignature(policy, item, options!),
                    }));
                },
            },
            HelpSynopsis = "Check a signature or an HMAC of base64 input; an invalid one answers valid=false.",
        };
    }

    private static bool VerifyHmac(KeyPolicy policy, BatchItem item, DigestAlgorithm algorithm)
    {
        var input = item.RequiredBase64("input", "missing input");
        var (number, mac) = Ciphertext.Parse(item.String("hmac") ?? "", "hmac");
        var version = policy.ForDecryption(number);
        return CryptographicOperations.FixedTimeEquals(algorithm.Hmac(version.HmacKey, input), mac);
    }

    private static bool VerifySignature(KeyPolicy policy, BatchItem item, SignOptions options)
    {
        var input = item.RequiredBase64("input", "missing input");
        var text = item.String("signature");
        if (string.IsNullOrEmpty(text))
        {
            throw LogicalException.BadRequest("missing signature or hmac to verify");
        }

        var (number, signature) = Ciphertext.Parse(text, "signature", options.Jws);
        return Signing.Verify(policy, policy.ForDecryption(number), input, signature, item.Base64("context"), options);
    }

    private static SignOptions Options(FieldData data)
    {
        var hash = Algorithm(data, "hash_algorithm");
        var signatureAlgorithm = data.GetString("signature_algorithm");
        if (signatureAlgorithm is not ("pss" or "pkcs1v15"))
        {
            throw LogicalException.BadRequest($"unsupported signature algorithm {signatureAlgorithm}");
        }

        var marshaling = data.GetString("marshaling_algorithm");
        if (marshaling is not ("asn1" or "jws"))
        {
            throw LogicalException.BadRequest($"unsupported marshaling type {marshaling}");
        }

        return new SignOptions(
            hash == "none" ? null : DigestAlgorithms.Get(hash, allowSha1: true),
            data.GetBool("prehashed"),
            signatureAlgorithm,
            data.GetString("salt_length"),
            marshaling);
    }

    private static string Algorithm(FieldData data, string field) => data.Has("urlalgorithm") ? data.GetString("urlalgorithm") : data.GetString(field);

    private static void RequireSigning(KeyPolicy policy)
    {
        if (!policy.Type.SupportsSigning())
        {
            throw LogicalException.BadRequest($"key type {policy.Type.Name()} does not support signing");
        }
    }

    private static Dictionary<string, FieldSchema> SignatureFields(Dictionary<string, FieldSchema> fields)
    {
        fields["hash_algorithm"] = new(FieldType.String, "sha1, sha2-224, sha2-256 (default), sha2-384, sha2-512, sha3-*, or none (RSA pkcs1v15, prehashed).") { Default = "sha2-256" };
        fields["context"] = new(FieldType.String, "Base64 context, for derived ed25519 keys.");
        fields["prehashed"] = new(FieldType.Bool, "The input is already the digest.");
        fields["signature_algorithm"] = new(FieldType.String, "RSA padding: pss (default) or pkcs1v15.") { Default = "pss" };
        fields["marshaling_algorithm"] = new(FieldType.String, "asn1 (default) or jws (ECDSA r|s, URL-safe base64).") { Default = "asn1" };
        fields["salt_length"] = new(FieldType.String, "RSA-PSS salt: auto (longest), hash, or a number of bytes.") { Default = "auto" };
        return fields;
    }

    private static Dictionary<string, FieldSchema> Fields(Dictionary<string, FieldSchema> fields)
    {
        fields["name"] = new(FieldType.String, "Name of the key.");
        fields["urlalgorithm"] = new(FieldType.String, "The hash algorithm, in the path.");
        fields["input"] = new(FieldType.String, "Base64 input.");
        fields["reference"] = new(FieldType.String, "Echoed in the batch result.");
        fields[Batch.InputField] = Batch.InputSchema;
        fields["partial_failure_response_code"] = Batch.PartialFailureSchema;
        return fields;
    }
}
