using System.Security.Cryptography;
using SecretVault.Plugins.Transit.Crypto;
using SecretVault.Sdk.Framework;
using SecretVault.Sdk.Logical;

namespace SecretVault.Plugins.Transit.Paths;

/// <summary><c>random[/:source][/:bytes]</c> and <c>hash[/:algorithm]</c>: no key involved.</summary>
internal static class UtilityPaths
{
    private const int MaxRandomBytes = 128 * 1024;

    public static IEnumerable<PathDefinition> Create()
    {
        yield return new PathDefinition
        {
            Pattern = @"random(?:/(?<source>platform|seal|all))?(?:/(?<urlbytes>[^/]+))?",
            Fields = new Dictionary<string, FieldSchema>(StringComparer.Ordinal)
            {
                ["urlbytes"] = new(FieldType.String, "Bytes to return, in the path."),
                ["bytes"] = new(FieldType.Int, "Bytes to return (1 to 131072).") { Default = 32L },
                ["format"] = new(FieldType.String, "base64 or hex.") { Default = "base64" },
                ["source"] = new(FieldType.String, "platform, seal or all; every source here is the platform's CSPRNG.") { Default = "platform" },
            },
            Operations = new Dictionary<Operation, PathHandler>
            {
                [Operation.Update] = (request, data, ct) =>
                {
                    long count = data.GetInt("bytes");
                    if (data.Has("urlbytes") && !long.TryParse(data.GetString("urlbytes"), out count))
                    {
                        throw LogicalException.BadRequest("error parsing url-set byte count");
                    }

                    if (count < 1)
                    {
                        throw LogicalException.BadRequest("\"bytes\" cannot be less than 1");
                    }

                    if (count > MaxRandomBytes)
                    {
                        throw LogicalException.BadRequest($"\"bytes\" should be less than {MaxRandomBytes}");
                    }

                    var bytes = RandomNumberGenerator.GetBytes((int)count);
                    return Task.FromResult<LogicalResponse?>(LogicalResponse.WithData(new Dictionary<string, object?>
                    {
                        ["random_bytes"] = Encode(bytes, data.GetString("format"), "base64"),
                    }));
                },
            },
            HelpSynopsis = "Random bytes from the platform's CSPRNG.",
        };
        yield return new PathDefinition
        {
            Pattern = @"hash(?:/(?<urlalgorithm>[^/]+))?",
            Fields = new Dictionary<string, FieldSchema>(StringComparer.Ordinal)
            {
                ["urlalgorithm"] = new(FieldType.String, "Algorithm, in the path."),
                ["algorithm"] = new(FieldType.String, "sha2-224, sha2-256 (default), sha2-384, sha2-512, sha3-224, sha3-256, sha3-384, sha3-512.") { Default = "sha2-256" },
                ["input"] = new(FieldType.String, "Base64 input."),
                ["format"] = new(FieldType.String, "hex (default) or base64.") { Default = "hex" },
            },
            Operations = new Dictionary<Operation, PathHandler>
            {
                [Operation.Update] = (request, data, ct) =>
                {
                    // Vault's order and words: the input, then the format, then the algorithm.
                    var input = new BatchItem(request.Data).RequiredBase64("input", "input missing");
                    var format = data.GetString("format");
                    if (format is not ("hex" or "base64"))
                    {
                        throw LogicalException.BadRequest($"unsupported encoding format {format}; must be \"hex\" or \"base64\"");
                    }

                    var algorithm = DigestAlgorithms.Get(data.Has("urlalgorithm") ? data.GetString("urlalgorithm") : data.GetString("algorithm"));
                    return Task.FromResult<LogicalResponse?>(LogicalResponse.WithData(new Dictionary<string, object?>
                    {
                        ["sum"] = Encode(algorithm.Hash(input), format, "hex"),
                    }));
                },
            },
            HelpSynopsis = "Hash base64 input.",
        };
    }

    // Only random reaches the refusal (hash checks its format first); Vault's random quotes the format there.
    private static string Encode(byte[] bytes, string format, string fallback) => (format == "" ? fallback : format) switch
    {
        "hex" => Convert.ToHexStringLower(bytes),
        "base64" => Convert.ToBase64String(bytes),
        _ => throw LogicalException.BadRequest($"unsupported encoding format \"{format}\"; must be \"hex\" or \"base64\""),
    };
}
