using System.Text.Json;
using Microsoft.AspNetCore.Http;
using SecretVault.Core.Responses;
using SecretVault.Sdk.Logical;

namespace SecretVault.Server.Http;

/// <summary>
/// Writes Vault's response envelope and error body, with <c>Content-Type: application/json</c> exactly (hvac
/// compares it), or a plugin's raw bytes with the content type it named.
/// </summary>
public static class ResponseWriter
{
    private static readonly JsonSerializerOptions Options = EnvelopeWriter.Options;

    private static readonly JsonWriterOptions WriterOptions = EnvelopeWriter.WriterOptions;

    /// <summary>Writes the core's answer; null becomes 404 for reads and lists and 204 otherwise.</summary>
    public static Task WriteAsync(HttpContext context, LogicalRequest request, ResponseEnvelope? response)
    {
        if (response is null)
        {
            return request.Operation is Operation.Read or Operation.List or Operation.Header
                ? WriteErrorAsync(context, new LogicalException(404, ""))
                : WriteEmptyAsync(context, 204);
        }

        var status = response.Response.StatusCode;
        if (response.Response.RawBytes is { } bytes)
        {
            return WriteBytesAsync(context, status ?? 200, bytes);
        }

        if (response.Response.RawBody is { } body)
        {
            return WriteJsonAsync(context, status ?? 200, writer => JsonSerializer.Serialize(writer, body, Options));
        }

        if (response.IsEmpty)
        {
            return WriteEmptyAsync(context, status ?? 204);
        }

        return WriteJsonAsync(context, status ?? 200, writer => EnvelopeWriter.Write(writer, request.Id, response));
    }

    /// <summary>Writes <c>{"errors":[...]}</c> (plus <c>data</c> when the error carries it).</summary>
    public static Task WriteErrorAsync(HttpContext context, LogicalException error) =>
        WriteJsonAsync(context, error.StatusCode, writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartArray("errors");
            foreach (var message in error.Errors)
            {
                writer.WriteStringValue(message);
            }

            writer.WriteEndArray();
            if (error.ResponseData is not null)
            {
                writer.WritePropertyName("data");
                JsonSerializer.Serialize(writer, error.ResponseData, Options);
            }

            writer.WriteEndObject();
        });

    private static async Task WriteJsonAsync(HttpContext context, int status, Action<Utf8JsonWriter> write)
    {
        var http = context.Response;
        http.StatusCode = status;
        http.Headers.CacheControl = "no-store";
        http.ContentType = "application/json";
        if (HttpMethods.IsHead(context.Request.Method))
        {
            return;
        }

        await using (var writer = new Utf8JsonWriter(http.BodyWriter, WriterOptions))
        {
            write(writer);
        }

        await http.BodyWriter.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }

    // The plugin's bytes and media type go out exactly as it answered them (PEM, DER, a CRL, an OCSP response).
    private static async Task WriteBytesAsync(HttpContext context, int status, RawBytes bytes)
    {
        var http = context.Response;
        http.StatusCode = status;
        http.Headers.CacheControl = "no-store";
        http.ContentType = bytes.ContentType;
        http.ContentLength = bytes.Body.Length;
        if (HttpMethods.IsHead(context.Request.Method))
        {
            return;
        }

        await http.Body.WriteAsync(bytes.Body, context.RequestAborted).ConfigureAwait(false);
    }

    private static Task WriteEmptyAsync(HttpContext context, int status)
    {
        context.Response.StatusCode = status;
        context.Response.Headers.CacheControl = "no-store";
        return Task.CompletedTask;
    }
}
