using System.Text.Json;
using System.Text.Json.Serialization;

namespace SecretVault.Plugins.Transit.Keys;

/// <summary>Stores a <see cref="KeyType"/> by its API name, so stored keys survive a reordering of the enum.</summary>
internal sealed class KeyTypeJsonConverter : JsonConverter<KeyType>
{
    public override KeyType Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        KeyTypes.TryParse(reader.GetString() ?? "", out var type) ? type : throw new JsonException("unknown key type in storage");

    public override void Write(Utf8JsonWriter writer, KeyType value, JsonSerializerOptions options) => writer.WriteStringValue(value.Name());
}
