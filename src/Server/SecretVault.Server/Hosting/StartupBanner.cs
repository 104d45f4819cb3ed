using System.Globalization;
using System.Text;
using SecretVault.Core;
using SecretVault.Server.Configuration;

namespace SecretVault.Server.Hosting;

/// <summary>The configuration summary printed at start, laid out as <c>vault server</c> prints it.</summary>
public static class StartupBanner
{
    /// <summary>The line after which log lines follow.</summary>
    public const string Started = "==> Vault server started! Log data will stream in below:\n\n";

    /// <summary><c>==> Vault server configuration:</c> and the settings, names right-aligned, as Vault's.</summary>
    public static string Configuration(ServerConfig config, Uri address)
    {
        var listener = config.Listener;
        var bound = address.GetLeftPart(UriPartial.Authority);
        var rows = new List<(string Name, string Value)>
        {
            ("Api Address", config.ApiAddr.Length > 0 ? config.ApiAddr : bound),
            ("Cgo", "disabled"),
            ("Cluster Address", "(none: no cluster listener)"),
            ("Environment Variables", string.Join(", ", Environment.GetEnvironmentVariables().Keys.Cast<string>().Order(StringComparer.Ordinal))),
            ("Listener 1", string.Create(CultureInfo.InvariantCulture, $"tcp (addr: \"{address.Host}:{address.Port}\", max_request_size: \"{listener.MaxRequestSize}\", tls: \"{(listener.TlsDisable ? "disabled" : "enabled")}\")")),
            ("Log Level", config.LogLevel),
            ("Mlock", "supported: false, enabled: false"),
            ("Recovery Mode", "false"),
            ("Storage", config.Storage.Type),
            ("Version", $"Vault v{ProductVersion.Version}, built {ProductVersion.BuildDate}"),
        };
        var width = rows.Max(r => r.Name.Length);
        var text = new StringBuilder("==> Vault server configuration:\n\n");
        foreach (var (name, value) in rows)
        {
            text.Append(name.PadLeft(width)).Append(": ").Append(value).Append('\n');
        }

        return text.Append('\n').ToString();
    }
}
