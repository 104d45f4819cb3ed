using System.Text.Json;

namespace SecretVault.Core.Policies;

/// <summary>Reads the JSON form of a policy into the same tree as HCL, with the same nesting limit.</summary>
internal static class JsonPolicyReader
{
    // One level more than allowed, so that a too deep policy gets the nesting message from Convert.
    private static readonly JsonDocumentOptions Options = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
        MaxDepth = HclParser.MaxDepth + 1,
    };

    public static PolicyNode Parse(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text, Options);
            return Convert(document.RootElement, 0);
        }
        catch (JsonException ex)
        {
            throw new PolicyParseException("invalid JSON", (int)(ex.LineNumber ?? 0) + 1, (int)(ex.BytePositionInLine ?? 0) + 1);
        }
        catch (InvalidOperationException)
        {
            // GetString refuses an escaped lone surrogate ("\ud800").
            throw new PolicyParseException("invalid unicode escape: a lone UTF-16 surrogate", 1, 1);
        }
    }

    private static PolicyNode Convert(JsonElement element, int depth)
    {
        if (depth > HclParser.MaxDepth)
        {
            throw new PolicyParseException($"the policy is nested more than {HclParser.MaxDepth} levels deep", 1, 1);
        }

        return element.ValueKind switch
        {
            JsonValueKind.Object => new PolicyNode(PolicyNodeKind.Object, 1, 1) { Members = [.. element.EnumerateObject().Select(p => (p.Name, Convert(p.Value, depth + 1)))] },
            JsonValueKind.Array => new PolicyNode(PolicyNodeKind.List, 1, 1) { Items = [.. element.EnumerateArray().Select(e => Convert(e, depth + 1))] },
            JsonValueKind.String => new PolicyNode(PolicyNodeKind.Scalar, 1, 1) { Text = element.GetString() ?? "" },
            _ => new PolicyNode(PolicyNodeKind.Scalar, 1, 1) { Text = element.GetRawText() },
        };
    }
}
