using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.AspNetCore.Http;
using SecretVault.Sdk.Logical;

namespace SecretVault.Server.Http;

/// <summary>Writes Vault's response envelope and error body, with <c>Content-Type: application/json</c> exactly (hvac compares it).</summary>
public static class ResponseWriter
{
    private static readonly JsonSerializerOptions Options = new()
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = Options.Encoder };

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

        return WriteJsonAsync(context, response.StatusCode ?? 200, writer => WriteEnvelope(writer, request, response));
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

    private static void WriteEnvelope(Utf8JsonWriter writer, LogicalRequest request, LogicalResponse response)
    {
        writer.WriteStartObject();
        if (response.DuplicateDataAtTopLevel && response.Data is not null)
        {
            foreach (var (key, value) in response.Data)
            {
                writer.WritePropertyName(key);
                JsonSerializer.Serialize(writer, value, Options);
            }
        }

        writer.WriteString("request_id", request.Id);
        writer.WriteString("lease_id", "");
        writer.WriteBoolean("renewable", false);
        writer.WriteNumber("lease_duration", (long)(response.LeaseDuration ?? TimeSpan.Zero).TotalSeconds);
        writer.WritePropertyName("data");
        JsonSerializer.Serialize(writer, response.Data, Options);
        writer.WriteNull("wrap_info");
        writer.WritePropertyName("warnings");
        if (response.Warnings.Count == 0)
        {
            writer.WriteNullValue();
        }
        else
        {
            JsonSerializer.Serialize(writer, response.Warnings, Options);
        }

        WriteAuth(writer, response.IssuedAuth);
        writer.WriteEndObject();
    }

    private static void WriteAuth(Utf8JsonWriter writer, IssuedAuth? auth)
    {
        if (auth is null)
        {
            writer.WriteNull("auth");
            return;
        }

        writer.WriteStartObject("auth");
        writer.WriteString("client_token", auth.ClientToken);
        writer.WriteString("accessor", auth.Accessor);
        writer.WritePropertyName("policies");
        JsonSerializer.Serialize(writer, auth.Policies, Options);
        writer.WritePropertyName("token_policies");
        JsonSerializer.Serialize(writer, auth.TokenPolicies, Options);
        writer.WritePropertyName("metadata");
        JsonSerializer.Serialize(writer, auth.Metadata, Options);
        writer.WriteNumber("lease_duration", auth.LeaseDuration);
        writer.WriteBoolean("renewable", auth.Renewable);
        writer.WriteString("entity_id", auth.EntityId);
        writer.WriteString("token_type", auth.TokenType);
        writer.WriteBoolean("orphan", auth.Orphan);
        writer.WriteNull("mfa_requirement");
        writer.WriteNumber("num_uses", auth.NumUses);
        writer.WriteEndObject();
    }

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
