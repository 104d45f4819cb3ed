using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json;
using SecretVault.Sdk.Logical;

namespace SecretVault.Sdk.Framework;

/// <summary>
/// Reads a secret field (a password, a secret ID) straight from the request's JSON bytes into a byte array the caller
/// zeroes, so the secret never becomes a managed string that lingers until the GC reuses its memory.
/// </summary>
public static class SecretField
{
    /// <summary>The UTF-8 bytes of <paramref name="name"/>, or null when the request does not carry it.</summary>
    public static byte[]? GetUtf8(FieldData data, string name)
    {
        if (data.GetRaw(name) is not { } value)
        {
            return null;
        }

        var raw = JsonMarshal.GetRawUtf8Value(value);
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                var reader = new Utf8JsonReader(raw);
                reader.Read();

                // The unescaped text is never longer than its escaped form.
                var buffer = new byte[reader.ValueSpan.Length];
                var written = reader.CopyString(buffer);
                if (written == buffer.Length)
                {
                    return buffer;
                }

                var exact = buffer.AsSpan(0, written).ToArray();
                CryptographicOperations.ZeroMemory(buffer);
                return exact;
            case JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False:
                return raw.ToArray();
            default:
                throw LogicalException.BadRequest($"invalid value for field \"{name}\": expected a string");
        }
    }
}
