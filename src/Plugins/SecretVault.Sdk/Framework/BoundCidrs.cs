using System.Globalization;
using System.Net;
using System.Net.Sockets;
using SecretVault.Sdk.Logical;

namespace SecretVault.Sdk.Framework;

/// <summary>
/// CIDR blocks that bind a token or a credential to client addresses (<c>token_bound_cidrs</c>,
/// <c>secret_id_bound_cidrs</c>...): their canonical text, whether a client address is inside, and whether one list
/// lies inside another. Written as four dotted decimals or IPv6, as Vault's parser takes them.
/// </summary>
public static class BoundCidrs
{
    /// <summary>Parses CIDR blocks (or single addresses) into their canonical text; 400 naming <paramref name="field"/> on a bad one.</summary>
    public static IReadOnlyList<string> Parse(string field, IEnumerable<string> values)
    {
        var result = new List<string>();
        foreach (var value in values)
        {
            if (!TryParseCidr(value.Trim(), out var network, out var prefix))
            {
                throw LogicalException.BadRequest($"invalid value for field \"{field}\": expected IP addresses or CIDR blocks");
            }

            var full = network.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
            var canonical = prefix == full ? network.ToString() : $"{network}/{prefix.ToString(CultureInfo.InvariantCulture)}";
            if (!result.Contains(canonical, StringComparer.Ordinal))
            {
                result.Add(canonical);
            }
        }

        return result;
    }

    /// <summary>True when <paramref name="cidrs"/> is empty or contains <paramref name="remoteAddress"/>; an unknown address fails closed.</summary>
    public static bool Allow(IReadOnlyList<string> cidrs, string? remoteAddress)
    {
        if (cidrs.Count == 0)
        {
            return true;
        }

        if (remoteAddress is null || !TryParseRemote(remoteAddress, out var address))
        {
            return false;
        }

        return cidrs.Any(c => TryParseCidr(c, out var network, out var prefix) && Contains(network, prefix, address));
    }

    /// <summary>True when every block of <paramref name="inner"/> lies inside a block of <paramref name="outer"/> (or <paramref name="outer"/> is empty).</summary>
    public static bool Cover(IReadOnlyList<string> outer, IReadOnlyList<string> inner)
    {
        if (outer.Count == 0)
        {
            return true;
        }

        return inner.All(i => TryParseCidr(i, out var innerNetwork, out var innerPrefix)
            && outer.Any(o => TryParseCidr(o, out var network, out var prefix) && prefix <= innerPrefix && Contains(network, prefix, innerNetwork)));
    }

    private static bool TryParseCidr(string text, out IPAddress network, out int prefix)
    {
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        prefix = 0;
        if (!TryParseAddress(slash < 0 ? text : text[..slash], out network))
        {
            return false;
        }

        var full = network.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        prefix = full;
        return slash < 0
            || (int.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out prefix) && prefix <= full);
    }

    private static bool TryParseAddress(string text, out IPAddress address)
    {
        address = IPAddress.None;
        if (text.Contains(':', StringComparison.Ordinal))
        {
            return IPAddress.TryParse(text, out address!) && address.AddressFamily == AddressFamily.InterNetworkV6 && address.ScopeId == 0;
        }

        // IPAddress.TryParse takes "10" and "10.1" as IPv4; a CIDR block is written as four dotted decimals.
        var parts = text.Split('.');
        return parts.Length == 4 && parts.All(p => p.Length is > 0 and <= 3 && p.All(char.IsAsciiDigit)) && IPAddress.TryParse(text, out address!);
    }

    private static bool TryParseRemote(string text, out IPAddress address)
    {
        if (!IPAddress.TryParse(text, out address!))
        {
            if (!IPEndPoint.TryParse(text, out var endpoint))
            {
                return false;
            }

            address = endpoint.Address;
        }

        // A dual-stack listener reports IPv4 clients as ::ffff:a.b.c.d; match them against IPv4 blocks.
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        return true;
    }

    private static bool Contains(IPAddress network, int prefix, IPAddress address)
    {
        if (network.AddressFamily != address.AddressFamily)
        {
            return false;
        }

        var a = network.GetAddressBytes();
        var b = address.GetAddressBytes();
        var whole = prefix / 8;
        if (!a.AsSpan(0, whole).SequenceEqual(b.AsSpan(0, whole)))
        {
            return false;
        }

        var rest = prefix % 8;
        var mask = (byte)(0xFF << (8 - rest));
        return rest == 0 || (a[whole] & mask) == (b[whole] & mask);
    }
}
