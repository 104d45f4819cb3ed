using System.Text.Json.Serialization;
using SecretVault.Sdk.Logical;

namespace SecretVault.Core.Mounts;

/// <summary>One row of a mount table (<c>core/mounts</c> or <c>core/auth</c>).</summary>
public sealed record MountEntry
{
    /// <summary>The path inside its table, ending in '/': <c>secret/</c>, or <c>userpass/</c> for auth.</summary>
    [JsonPropertyName("path")]
    public required string Path { get; init; }

    [JsonPropertyName("type")]
    public required string Type { get; init; }

    [JsonPropertyName("kind")]
    public required BackendKind Kind { get; init; }

    [JsonPropertyName("description")]
    public string Description { get; init; } = "";

    [JsonPropertyName("uuid")]
    public required string Uuid { get; init; }

    [JsonPropertyName("accessor")]
    public required string Accessor { get; init; }

    [JsonPropertyName("local")]
    public bool Local { get; init; }

    [JsonPropertyName("seal_wrap")]
    public bool SealWrap { get; init; }

    [JsonPropertyName("options")]
    public IReadOnlyDictionary<string, string>? Options { get; init; }

    [JsonPropertyName("config")]
    public MountConfigEntry Config { get; init; } = new();

    /// <summary>Where requests for this mount arrive: auth mounts sit under <c>auth/</c>.</summary>
    [JsonIgnore]
    public string RoutePath => Kind == BackendKind.Auth ? "auth/" + Path : Path;

    /// <summary>The storage prefix of the mount's data behind the barrier.</summary>
    [JsonIgnore]
    public string ViewPrefix => Type switch
    {
        MountTypes.System => "sys/",
        MountTypes.Token => "sys/token/",
        MountTypes.Cubbyhole => "cubbyhole/",
        _ => Kind == BackendKind.Auth ? $"auth/{Uuid}/" : $"logical/{Uuid}/",
    };

    public bool Equals(MountEntry? other) =>
        other is not null && Path == other.Path && Type == other.Type && Kind == other.Kind && Description == other.Description
        && Uuid == other.Uuid && Accessor == other.Accessor && Local == other.Local && SealWrap == other.SealWrap
        && Config.Equals(other.Config)
        && (Options ?? new Dictionary<string, string>()).OrderBy(p => p.Key, StringComparer.Ordinal)
            .SequenceEqual((other.Options ?? new Dictionary<string, string>()).OrderBy(p => p.Key, StringComparer.Ordinal));

    public override int GetHashCode() => HashCode.Combine(Path, Type, Uuid);
}
