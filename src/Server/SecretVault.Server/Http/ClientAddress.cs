using System.Globalization;
using Microsoft.AspNetCore.Http;
using SecretVault.Sdk.Logical;
using SecretVault.Server.Configuration;

namespace SecretVault.Server.Http;

/// <summary>
/// The client's address as Vault takes it: the connection's, or, on a listener with
/// <c>x_forwarded_for_authorized_addrs</c>, the <c>X-Forwarded-For</c> entry <c>x_forwarded_for_hop_skips</c> from the
/// right when the connection comes from an authorized proxy. Refusals are Vault's 400s.
/// </summary>
public static class ClientAddress
{
    /// <summary>The address for <paramref name="context"/>; throws <see cref="LogicalException"/> (400) when the listener refuses it.</summary>
    public static string? Of(HttpContext context)
    {
        var remote = context.Connection.RemoteIpAddress;
        if (context.Features.Get<ForwardedForConfig>() is not { } settings)
        {
            return remote?.ToString();
        }

        var headers = context.Request.Headers["X-Forwarded-For"];
        if (headers.Count == 0)
        {
            return settings.RejectNotPresent
                ? throw LogicalException.BadRequest("missing x-forwarded-for header and configured to reject when not present")
                : remote?.ToString();
        }

        var peer = remote is { IsIPv4MappedToIPv6: true } ? remote.MapToIPv4() : remote;
        if (peer is null || !settings.AuthorizedAddrs.Any(n => n.Contains(peer)))
        {
            return settings.RejectNotAuthorized
                ? throw LogicalException.BadRequest("client address not authorized for X-Forwarded-For and configured to reject connection")
                : remote?.ToString();
        }

        var chain = headers.SelectMany(h => (h ?? "").Split(',')).Select(v => v.Trim()).ToList();
        var index = chain.Count - 1 - settings.HopSkips;
        return index >= 0
            ? chain[index]
            : throw LogicalException.BadRequest(string.Create(CultureInfo.InvariantCulture, $"malformed x-forwarded-for configuration or request, hops to skip ({settings.HopSkips}) would skip before earliest chain link (chain length {headers.Count})"));
    }
}
