using System.Buffers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using SecretVault.Sdk.Logical;

namespace SecretVault.Server.Http;

/// <summary>
/// Reads a request body within the size limit and parses it as Vault does: JSON whatever the
/// content type, except a form-encoded body that does not start with '{' or '['.
/// </summary>
public static class RequestBodyReader
{
    private static readonly JsonDocumentOptions ParseOptions = new()
    {
        MaxDepth = 64,
        AllowDuplicateProperties = false,
    };

    /// <summary>
    /// How much of an oversized body is read on before the 413. Kestrel's own limit must sit this far above
    /// max_request_size, or Kestrel stops reading first and the client sees a reset instead of the 413.
    /// </summary>
    public const int DrainAllowance = 64 * 1024;

    /// <summary>The body's top-level members; empty for an empty body.</summary>
    public static async Task<IReadOnlyDictionary<string, JsonElement>> ReadAsync(HttpRequest request, long maxBytes, CancellationToken ct)
    {
        if (request.ContentLength > maxBytes)
        {
            throw new RequestTooLargeException();
        }

        var bytes = await ReadLimitedAsync(request.Body, maxBytes, ct).ConfigureAwait(false);
        var firstByte = bytes.AsSpan().TrimStart(" \t\r\n"u8);
        if (firstByte.IsEmpty)
        {
            return new Dictionary<string, JsonElement>();
        }

        if (request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true && firstByte[0] is not ((byte)'{' or (byte)'['))
        {
            return ParseForm(Encoding.UTF8.GetString(bytes));
        }

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

    private static async Task<byte[]> ReadLimitedAsync(Stream body, long maxBytes, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
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
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw new RequestTooLargeException(ex.Message, ex);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk, clearArray: true);
        }

        return buffer.ToArray();
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

    private static Dictionary<string, JsonElement> ParseForm(string form)
    {
        var data = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var (key, values) in QueryHelpers.ParseQuery(form))
        {
            data[key] = values.Count == 1 ? JsonSerializer.SerializeToElement(values[0]) : JsonSerializer.SerializeToElement(values.ToArray());
        }

        return data;
    }
}
