using System.Globalization;
using System.Net;

namespace SecretVault.Server.Configuration;

/// <summary>Parses listener addresses such as <c>127.0.0.1:8200</c>, <c>[::1]:8200</c> or <c>localhost:8200</c>.</summary>
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

        return IPAddress.TryParse(host, out var address)
            ? new IPEndPoint(address, port)
            : throw new ConfigException($"invalid value for \"{key}\": \"{host}\" is not an IP address");
    }
}
