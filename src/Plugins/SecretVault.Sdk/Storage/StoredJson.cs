using System.Text.Json;

namespace SecretVault.Sdk.Storage;

/// <summary>
/// The one serialisation of stored entries: System.Text.Json's defaults (the property names each entry type
/// declares, compact UTF-8). Every store reads and writes through it, so entries written by one release read back
/// in the next however the stores around them change.
/// </summary>
public static class StoredJson
{
    /// <summary>The options every stored entry is written and read with.</summary>
    public static JsonSerializerOptions Options => JsonSerializerOptions.Default;

    /// <summary>The stored bytes of <paramref name="value"/>.</summary>
    public static byte[] Serialize<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, Options);

    /// <summary>The entry stored as <paramref name="bytes"/> (null when they hold JSON <c>null</c>).</summary>
    public static T? Deserialize<T>(ReadOnlySpan<byte> bytes) => JsonSerializer.Deserialize<T>(bytes, Options);
}
