using System.Text.Json;
using Microsoft.AspNetCore.Http;
using SecretVault.Core.Responses;
using SecretVault.Sdk.Logical;

namespace SecretVault.Server.Http;

/// <summary>Writes Vault's response envelope and error body, with <c>Content-Type: application/json</c> exactly (hvac compares it).</summary>
public static class ResponseWriter
{
    private static readonly JsonSerializerOptions Options = EnvelopeWriter.Options;

    private static readonly JsonWriterOptions WriterOptions = EnvelopeWriter.WriterOptions;

    /// <summary>Writes a backend's response; null becomes 404 for reads and lists and 204 otherwise.</summary>
    public static Task WriteAsync(HttpContext context, LogicalRequest request, LogicalResponse? response)
    {
        if (response is null)
        {
            return request.Operation is Operation.Read or Operation.List or Operation.Header
                ? WriteErrorAsync(context, new LogicalException(404, ""))
                : WriteEmptyAsync(context, 204);
        }

        if (response.RawBody is not null)
        {
            return WriteJsonAsync(context, response.StatusCode ?? 200, writer => JsonSerializer.Serialize(writer, response.RawBody, Options));
        }

        if (response.IsEmpty)
        {
            return WriteEmptyAsync(context, response.StatusCode ?? 204);
        }

        return WriteJsonAsync(context, response.StatusCode ?? 200, writer => EnvelopeWriter.Write(writer, request.Id, response));
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

    private static Task WriteEmptyAsync(HttpContext context, int status)
    {
        context.Response.StatusCode = status;
        context.Response.Headers.CacheControl = "no-store";
        return Task.CompletedTask;
    }
}
