using System.Text.Json;
using SecretVault.Sdk.Logical;

namespace SecretVault.Core.Wrapping;

/// <summary>
/// A raw-bytes answer inside a wrapped envelope, as Vault stores it: <c>data</c> holds <c>http_content_type</c>,
/// <c>http_raw_body</c> (base64) and <c>http_status_code</c>, and unwrapping answers the bytes again as they were.
/// </summary>
public static class RawBytesData
{
    private const string ContentType = "http_content_type";
    private const string Body = "http_raw_body";
    private const string StatusCode = "http_status_code";

    /// <summary>The envelope <c>data</c> that stands for <paramref name="bytes"/> answered with <paramref name="statusCode"/>.</summary>
    public static IDictionary<string, object?> Of(RawBytes bytes, int statusCode) => new Dictionary<string, object?>(StringComparer.Ordinal)
    {
        [ContentType] = bytes.ContentType,
        [Body] = Convert.ToBase64String(bytes.Body.Span),
        [StatusCode] = statusCode,
    };

    /// <summary>The raw-bytes answer a wrapped <paramref name="envelope"/> holds, or null when it holds an ordinary response.</summary>
    public static LogicalResponse? Read(JsonElement envelope)
    {
        if (envelope.ValueKind != JsonValueKind.Object
            || !envelope.TryGetProperty("data", out var data)
            || data.ValueKind != JsonValueKind.Object
            || !data.TryGetProperty(Body, out var body)
            || !data.TryGetProperty(ContentType, out var contentType))
        {
            return null;
        }

        var status = data.TryGetProperty(StatusCode, out var code) && code.TryGetInt32(out var parsed) ? parsed : 200;
        return LogicalResponse.Bytes(body.GetBytesFromBase64(), contentType.GetString() ?? "", status);
    }
}
