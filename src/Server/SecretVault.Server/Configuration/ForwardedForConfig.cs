using System.Net;

namespace SecretVault.Server.Configuration;

/// <summary>A listener's <c>x_forwarded_for_*</c> settings: which proxies may name the client in <c>X-Forwarded-For</c>.</summary>
public sealed record ForwardedForConfig
{
    /// <summary><c>x_forwarded_for_authorized_addrs</c>: connections from these may set the client address.</summary>
    public required IReadOnlyList<IPNetwork> AuthorizedAddrs { get; init; }

    /// <summary><c>x_forwarded_for_hop_skips</c>: how many entries to skip from the right of the chain.</summary>
    public int HopSkips { get; init; }

    /// <summary><c>x_forwarded_for_reject_not_authorized</c>: refuse a header from a connection not authorized (Vault's default).</summary>
    public bool RejectNotAuthorized { get; init; } = true;

    /// <summary><c>x_forwarded_for_reject_not_present</c>: refuse a request without the header (Vault's default).</summary>
    public bool RejectNotPresent { get; init; } = true;
}
