using System.Globalization;
using System.Text;

namespace SecretVault.Server.Http;

/// <summary>
/// Checks the raw request target, before any decoding or normalisation, for what could make ACL
/// checks and routing disagree (CVE-2026-3605): dot segments in any encoding, empty segments,
/// encoded slashes, NUL and control characters.
/// </summary>
public static class RawPathValidator
{
    /// <summary>The decoded logical path after <c>/v1/</c>, or null with <paramref name="error"/> set.</summary>
    public static string? Validate(string rawTarget, out string error)
    {
        error = "";
        var query = rawTarget.IndexOf('?', StringComparison.Ordinal);
        var rawPath = query < 0 ? rawTarget : rawTarget[..query];
        if (!rawPath.StartsWith("/v1/", StringComparison.Ordinal))
        {
            error = "invalid path";
            return null;
        }

        var body = rawPath[4..];
        if (body.Contains("%2f", StringComparison.OrdinalIgnoreCase) || body.Contains("%5c", StringComparison.OrdinalIgnoreCase) || body.Contains('\\', StringComparison.Ordinal))
        {
            error = "invalid path: encoded slashes are not allowed";
            return null;
        }

        var decoded = Decode(body);
        if (decoded is null)
        {
            error = "invalid path: bad percent-encoding";
            return null;
        }

        if (decoded.Any(char.IsControl))
        {
            error = "invalid path: control characters are not allowed";
            return null;
        }

        var segments = decoded.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            var segment = segments[i];
            if (segment is "." or "..")
            {
                error = "path cannot contain parent references";
                return null;
            }

            // A trailing slash is allowed (LIST); an empty segment anywhere else is not.
            if (segment.Length == 0 && i != segments.Length - 1)
            {
                error = "invalid path: empty segments are not allowed";
                return null;
            }
        }

        return decoded;
    }

    // Strict decoding: an invalid escape or an invalid UTF-8 sequence (such as the overlong "%c0%ae")
    // is refused instead of being passed through or replaced.
    private static string? Decode(string text)
    {
        var bytes = new List<byte>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '%')
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(text[i].ToString()));
                continue;
            }

            if (i + 2 >= text.Length || !byte.TryParse(text.AsSpan(i + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
            {
                return null;
            }

            bytes.Add(value);
            i += 2;
        }

        try
        {
            return StrictUtf8.GetString([.. bytes]);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
}
