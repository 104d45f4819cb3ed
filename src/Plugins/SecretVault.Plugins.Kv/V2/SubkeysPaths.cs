using SecretVault.Sdk.Framework;
using SecretVault.Sdk.Logical;

namespace SecretVault.Plugins.Kv.V2;

/// <summary><c>subkeys/:path</c>: the structure of a version with every value replaced by null.</summary>
internal static class SubkeysPaths
{
    public static PathDefinition Create(KvV2Backend backend) => new()
    {
        Pattern = "subkeys/(?<path>.*)",
        Fields = new Dictionary<string, FieldSchema>(StringComparer.Ordinal)
        {
            ["path"] = new(FieldType.String, "Location of the secret."),
            ["version"] = new(FieldType.Int, "The version to read; 0 or absent reads the current version."),
            ["depth"] = new(FieldType.Int, "The deepest level returned; keys at this depth are leaves. 0 means no limit."),
        },
        Operations = new Dictionary<Operation, PathHandler>
        {
            [Operation.Read] = async (request, data, ct) =>
            {
                // As Vault, a negative depth is accepted and stops at the first level (no level is below it).
                var depth = data.GetInt("depth");
                var read = await backend.HandleRequestAsync(request with { Operation = Operation.Read, Path = "data/" + data.GetString("path"), Data = VersionOnly(request) }, ct).ConfigureAwait(false);
                if (read?.Data is not { } found)
                {
                    return read;
                }

                var subkeys = found["data"] is System.Text.Json.JsonElement secret ? SubkeysView.Of(secret, depth) : null;
                return new LogicalResponse
                {
                    StatusCode = read.StatusCode,
                    Data = new Dictionary<string, object?>(StringComparer.Ordinal) { ["subkeys"] = subkeys, ["metadata"] = found["metadata"] },
                };
            },
        },
        HelpSynopsis = "Read the structure of a secret with the values removed.",
    };

    private static Dictionary<string, System.Text.Json.JsonElement> VersionOnly(LogicalRequest request) =>
        request.Data.Where(p => p.Key == "version").ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
}
