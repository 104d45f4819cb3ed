using System.Buffers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using SecretVault.Sdk.Logical;

namespace SecretVault.Server.Http;

/// <summary>
/// Reads a request body within the size limit and parses it as Vault does: JSON whatever the
/// content type, except a form-encoded body that does not start with '{' or '['. A JSON body is checked
/// against the listener's <see cref="JsonLimits"/> while it arrives, so a body over them is refused after
/// the bytes that broke the limit, without keeping the rest or building a document.
/// </summary>
public static class RequestBodyReader
{
    private static readonly JsonDocumentOptions ParseOptions = new()
    {
        MaxDepth = JsonLimits.HandledDepth,
        AllowDuplicateProperties = false,
    };

    /// <summary>
    /// How much of an oversized body is read on before the 413. Kestrel's own limit must sit this far above
    /// max_request_size, or Kestrel stops reading first and the client sees a reset instead of the 413.
    /// </summary>
    public const int DrainAllowance = 64 * 1024;

    /// <summary>The body's top-level members; empty for an empty body.</summary>
    public static async Task<IReadOnlyDictionary<string, JsonElement>> ReadAsync(HttpRequest request, long maxBytes, JsonLimits limits, CancellationToken ct)
    {
        if (request.ContentLength > maxBytes)
        {
            throw new RequestTooLargeException();
        }

        var isForm = request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true;
        using var buffer = new MemoryStream();
        var isJson = await ReadLimitedAsync(request.Body, buffer, maxBytes, isForm, limits, ct).ConfigureAwait(false);
        var bytes = new ReadOnlyMemory<byte>(buffer.GetBuffer(), 0, (int)buffer.Length);
        return isJson switch
        {
            null => new Dictionary<string, JsonElement>(),
            false => ParseForm(Encoding.UTF8.GetString(bytes.Span), limits),
            true => ParseJson(bytes),
        };
    }

    // Returns whether the body is JSON (null when it is empty). An unfinished token at the end of what has
    // arrived is scanned again from its start; scanning only once the waiting bytes have doubled keeps a
    // long string from being rescanned on every chunk.
    private static async Task<bool?> ReadLimitedAsync(Stream body, MemoryStream buffer, long maxBytes, bool isForm, JsonLimits limits, CancellationToken ct)
    {
        var scanner = new JsonLimitScanner(limits);
        bool? isJson = null;
        var scanned = 0;
        var scanAt = 0;
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await body.ReadAsync(chunk, ct).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    await DrainAsync(body, chunk, ct).ConfigureAwait(false);
                    throw new RequestTooLargeException();
                }

                buffer.Write(chunk, 0, read);
                isJson ??= KindOf(buffer, isForm);
                if (isJson != true || buffer.Length - scanned < scanAt)
                {
                    continue;
                }

                try
                {
                    scanned += scanner.Scan(buffer.GetBuffer().AsSpan(scanned, (int)buffer.Length - scanned), isFinalBlock: false);
                }
                catch (LogicalException)
                {
                    await DiscardAsync(body, chunk, maxBytes - buffer.Length, ct).ConfigureAwait(false);
                    throw;
                }

                scanAt = 2 * ((int)buffer.Length - scanned);
            }

            if (isJson == true)
            {
                scanner.Scan(buffer.GetBuffer().AsSpan(scanned, (int)buffer.Length - scanned), isFinalBlock: true);
            }

            return isJson;
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw new RequestTooLargeException(ex.Message, ex);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk, clearArray: true);
        }
    }

    // JSON unless a form-encoded body starts with something other than '{' or '['; null while only blanks have come.
    private static bool? KindOf(MemoryStream buffer, bool isForm)
    {
        var content = buffer.GetBuffer().AsSpan(0, (int)buffer.Length).TrimStart(" \t\r\n"u8);
        return content.IsEmpty ? null : !isForm || content[0] is (byte)'{' or (byte)'[';
    }

    // A body refused for its JSON is read to its end without being kept, so the client sees the 400 rather
    // than a reset; past the size limit that is a 413 as usual.
    private static async Task DiscardAsync(Stream body, byte[] scratch, long remaining, CancellationToken ct)
    {
        int read;
        while ((read = await body.ReadAsync(scratch, ct).ConfigureAwait(false)) > 0)
        {
            remaining -= read;
            if (remaining < 0)
            {
                await DrainAsync(body, scratch, ct).ConfigureAwait(false);
                throw new RequestTooLargeException();
            }
        }
    }

    // Reads (and drops) a little more of an oversized body, so a client still sending a slightly larger
    // body sees the 413 instead of a connection reset; anything beyond the allowance is cut off.
    private static async Task DrainAsync(Stream body, byte[] scratch, CancellationToken ct)
    {
        var drained = 0;
        int read;
        while (drained < DrainAllowance && (read = await body.ReadAsync(scratch, ct).ConfigureAwait(false)) > 0)
        {
            drained += read;
        }
    }

    private static Dictionary<string, JsonElement> ParseJson(ReadOnlyMemory<byte> bytes)
    {
        try
        {
            using var document = JsonDocument.Parse(bytes, ParseOptions);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw LogicalException.BadRequest("failed to parse JSON input: the body must be a JSON object");
            }

            return document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone(), StringComparer.Ordinal);
        }
        catch (JsonException)
        {
            // The parser's message can quote the input, which may be a secret: say only where it failed.
            throw LogicalException.BadRequest("failed to parse JSON input: the body is not valid JSON");
        }
    }

    // A form is bounded like a JSON object: its pairs count as members, its values as strings.
    private static Dictionary<string, JsonElement> ParseForm(string form, JsonLimits limits)
    {
        if (form.AsSpan().Count('&') >= limits.MaxObjectEntryCount)
        {
            throw LogicalException.BadRequest("form body exceeds allowed entry count");
        }

        var data = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var (key, values) in QueryHelpers.ParseQuery(form))
        {
            if (values.Any(v => Encoding.UTF8.GetByteCount(v ?? "") > limits.MaxStringValueLength))
            {
                throw LogicalException.BadRequest("form value exceeds allowed length");
            }

            data[key] = values.Count == 1 ? JsonSerializer.SerializeToElement(values[0]) : JsonSerializer.SerializeToElement(values.ToArray());
        }

        return data;
    }
}
