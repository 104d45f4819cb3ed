using System.Text.Json;

namespace SecretVault.Core.Policies;

/// <summary>Reads the JSON form of a policy into the same tree as HCL.</summary>
internal static class JsonPolicyReader
{
    public static PolicyNode Parse(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            return Convert(document.RootElement);
        }
        catch (JsonException ex)
        {
            throw new PolicyParseException("invalid JSON", (int)(ex.LineNumber ?? 0) + 1, (int)(ex.BytePositionInLine ?? 0) + 1);
        }
    }

    private static PolicyNode Convert(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => new PolicyNode(PolicyNodeKind.Object, 1, 1) { Members = [.. element.EnumerateObject().Select(p => (p.Name, Convert(p.Value)))] },
        JsonValueKind.Array => new PolicyNode(PolicyNodeKind.List, 1, 1) { Items = [.. element.EnumerateArray().Select(Convert)] },
        JsonValueKind.String => new PolicyNode(PolicyNodeKind.Scalar, 1, 1) { Text = element.GetString() ?? "" },
        _ => new PolicyNode(PolicyNodeKind.Scalar, 1, 1) { Text = element.GetRawText() },
    };
}
