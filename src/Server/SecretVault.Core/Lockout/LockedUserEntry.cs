using System.Text.Json.Serialization;

namespace SecretVault.Core.Lockout;

/// <summary>
/// A locked alias, stored under <c>core/login/lockedUsers/&lt;mount accessor&gt;/&lt;SHA-256 of the alias&gt;</c> so
/// that a lock outlives a restart or a fail-over. It keeps the error of the failure that locked it: a locked
/// alias is answered exactly as a wrong credential is.
/// </summary>
public sealed record LockedUserEntry
{
    [JsonPropertyName("mount_accessor")]
    public required string MountAccessor { get; init; }

    [JsonPropertyName("alias_identifier")]
    public required string Alias { get; init; }

    [JsonPropertyName("locked_at")]
    public required DateTimeOffset LockedAt { get; init; }

    /// <summary>The lock lasts the lockout duration in force when it began.</summary>
    [JsonPropertyName("locked_until")]
    public required DateTimeOffset LockedUntil { get; init; }

    /// <summary>The message of the wrong-credential error that locked the alias.</summary>
    [JsonPropertyName("error")]
    public required string Error { get; init; }
}
