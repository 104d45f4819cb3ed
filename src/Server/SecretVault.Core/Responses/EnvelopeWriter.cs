using System.Globalization;
using System.Text.Json;
using SecretVault.Core.Wrapping;
using SecretVault.Sdk.Json;
using SecretVault.Sdk.Logical;

namespace SecretVault.Core.Responses;

/// <summary>
/// Writes Vault's response envelope. The core needs it as well as the HTTP edge: a wrapped response is
/// stored as the exact envelope the client would have received.
/// </summary>
public static class EnvelopeWriter
{
    /// <summary>The serializer options of every JSON body: Go's escaping, as Vault writes it.</summary>
    public static JsonSerializerOptions Options => VaultJson.Options;

    /// <summary>The writer options matching <see cref="Options"/>.</summary>
    public static JsonWriterOptions WriterOptions => VaultJson.WriterOptions;

    /// <summary>The envelope of <paramref name="response"/> as UTF-8 JSON.</summary>
    public static byte[] ToUtf8(string requestId, ResponseEnvelope response)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            Write(writer, requestId, response);
        }

        return buffer.ToArray();
    }

    /// <summary>Writes the envelope of <paramref name="response"/>.</summary>
    public static void Write(Utf8JsonWriter writer, string requestId, ResponseEnvelope response)
    {
        // Only a wrapped envelope holds raw bytes (the HTTP edge writes them as they are): in Vault's data keys.
        var data = response.Response.RawBytes is { } raw ? RawBytesData.Of(raw, response.Response.StatusCode ?? 200) : response.Response.Data;
        writer.WriteStartObject();
        if (response.Response.DuplicateDataAtTopLevel && data is not null)
        {
            foreach (var (key, value) in data)
            {
                writer.WritePropertyName(key);
                JsonSerializer.Serialize(writer, value, Options);
            }
        }

        writer.WriteString("request_id", requestId);
        writer.WriteString("lease_id", response.LeaseId ?? "");
        writer.WriteBoolean("renewable", response.LeaseId is not null && response.Secret is { Renewable: true });
        writer.WriteNumber("lease_duration", (long)(response.Secret?.Ttl ?? response.LeaseDuration ?? TimeSpan.Zero).TotalSeconds);
        writer.WritePropertyName("data");
        JsonSerializer.Serialize(writer, data, Options);
        WriteWrapInfo(writer, response.WrapInfo);
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

    /// <summary>RFC 3339 in UTC with fractional seconds, as Vault writes times.</summary>
    public static string Rfc3339(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private static void WriteWrapInfo(Utf8JsonWriter writer, WrapInfo? wrap)
    {
        if (wrap is null)
        {
            writer.WriteNull("wrap_info");
            return;
        }

        writer.WriteStartObject("wrap_info");
        writer.WriteString("token", wrap.Token);
        writer.WriteString("accessor", wrap.Accessor);
        writer.WriteNumber("ttl", wrap.Ttl);
        writer.WriteString("creation_time", Rfc3339(wrap.CreationTime));
        writer.WriteString("creation_path", wrap.CreationPath);
        if (wrap.WrappedAccessor.Length > 0)
        {
            writer.WriteString("wrapped_accessor", wrap.WrappedAccessor);
        }

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
}
