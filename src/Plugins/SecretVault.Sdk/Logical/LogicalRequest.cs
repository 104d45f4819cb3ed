using System.Text.Json;
using SecretVault.Sdk.Storage;

namespace SecretVault.Sdk.Logical;

/// <summary>
/// One request as the core and the plugins see it, free of HTTP types. Immutable: the router
/// hands a backend a copy with its mount-relative <see cref="Path"/> and its own storage view.
/// </summary>
public sealed record LogicalRequest
{
    private static readonly IReadOnlyDictionary<string, JsonElement> NoData = new Dictionary<string, JsonElement>();
    private static readonly IReadOnlyDictionary<string, string> NoHeaders = new Dictionary<string, string>();

    /// <summary>A UUID identifying the request in responses and audit logs.</summary>
    public required string Id { get; init; }

    /// <summary>The logical operation.</summary>
    public required Operation Operation { get; init; }

    /// <summary>The path: full (for example <c>secret/data/a</c>) before routing, relative to the mount after it.</summary>
    public required string Path { get; init; }

    /// <summary>The mount the request was routed to (for example <c>secret/</c>); empty before routing.</summary>
    public string MountPoint { get; init; } = "";

    /// <summary>Request parameters: the JSON body's top-level members, or the query string for GET, DELETE and LIST.</summary>
    public IReadOnlyDictionary<string, JsonElement> Data { get; init; } = NoData;

    /// <summary>The client token from <c>X-Vault-Token</c> or <c>Authorization: Bearer</c>; never logged.</summary>
    public string? ClientToken { get; init; }

    /// <summary>Selected request headers (lower-case names) a backend may need.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = NoHeaders;

    /// <summary>The client's IP address, when known.</summary>
    public string? RemoteAddress { get; init; }

    /// <summary>
    /// The TTL of response wrapping the client asked for with <c>X-Vault-Wrap-TTL</c>; null when it did not.
    /// The core does the wrapping; a backend only looks at it when it requires wrapping.
    /// </summary>
    public TimeSpan? WrapTtl { get; init; }

    /// <summary>
    /// The lease a <see cref="Operation.Renew"/> or <see cref="Operation.Revoke"/> is about, and, on a path that
    /// issues leases, the lease ID reserved before the handler runs (so a backend can record what it issues under it).
    /// </summary>
    public LeaseContext? Lease { get; init; }

    /// <summary>The storage view of the mount, set by the router.</summary>
    public IStorage? Storage { get; init; }

    /// <summary>The storage view of the mount; throws when the request was not routed.</summary>
    public IStorage RequiredStorage => Storage ?? throw new InvalidOperationException("The request has not been routed to a mount.");
}
