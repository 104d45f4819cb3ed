using System.Text.Json;
using System.Text.Json.Nodes;

namespace SecretVault.Plugins.Kv.V2;

/// <summary>RFC 7386 JSON merge patch: objects merge member by member, null removes a member, anything else replaces.</summary>
public static class JsonMergePatch
{
    public static JsonElement Apply(JsonElement target, JsonElement patch)
    {
        var merged = Merge(JsonNode.Parse(target.GetRawText()), JsonNode.Parse(patch.GetRawText()));
        return JsonSerializer.SerializeToElement(merged);
    }

    private static JsonNode? Merge(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject)
        {
            return patch?.DeepClone();
        }

        var result = target as JsonObject ?? [];
        foreach (var (name, value) in patchObject)
        {
            if (value is null)
            {
                result.Remove(name);
            }
            else if (result[name] is JsonObject existing && value is JsonObject)
            {
                Merge(existing, value);
            }
            else
            {
                // Replacing in place keeps the member's position, so a patch does not reorder the secret.
                result[name] = Merge(null, value);
            }
        }

        return result;
    }
}
