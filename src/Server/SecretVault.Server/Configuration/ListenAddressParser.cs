using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace SecretVault.Server.Configuration;

/// <summary>Parses listener addresses such as <c>127.0.0.1:8200</c>, <c>[::1]:8200</c>, <c>localhost:8200</c> or <c>vault.internal:8200</c>.</summary>
public static class ListenAddressParser
{
    /// <summary>Parses <paramref name="text"/>; throws <see cref="ConfigException"/> naming <paramref name="key"/>.</summary>
    public static IPEndPoint Parse(string text, string key)
    {
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            throw new ConfigException($"invalid value for \"{key}\": expected host:port, for example 127.0.0.1:8200");
        }

        var host = text[..colon].Trim('[', ']');
        if (host == "localhost")
        {
            return new IPEndPoint(IPAddress.Loopback, port);
        }

        if (IPAddress.TryParse(host, out var address))
        {
            return new IPEndPoint(address, port);
        }

        // A dotted quad that did not parse is a typo, not a host name to look up.
        if (host.Length == 0 || host.All(c => char.IsAsciiDigit(c) || c == '.') || Uri.CheckHostName(host) != UriHostNameType.Dns)
        {
            throw new ConfigException($"invalid value for \"{key}\": \"{host}\" is not an IP address or host name");
        }

        // As Go's net.Listen does for a host name: bind the first address it resolves to, IPv4 first.
        try
        {
            var addresses = Dns.GetHostAddresses(host);
            var chosen = addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? addresses.FirstOrDefault()
                ?? throw new ConfigException($"invalid value for \"{key}\": host \"{host}\" has no address");
            return new IPEndPoint(chosen, port);
        }
        catch (SocketException)
        {
            throw new ConfigException($"invalid value for \"{key}\": host \"{host}\" could not be resolved");
        }
    }
}
