using SecretVault.Server.Configuration;

namespace SecretVault.Server.Logging;

/// <summary>Vault's log formats: <c>standard</c> (the default) and <c>json</c>.</summary>
public static class LogFormats
{
    /// <summary>The format <paramref name="value"/> names, from <paramref name="setting"/>; an unknown one is a <see cref="ConfigException"/>.</summary>
    public static string Check(string? value, string setting)
    {
        var format = (value ?? "standard").Trim().ToLowerInvariant();
        return format is "standard" or "json" ? format : throw new ConfigException($"invalid value for \"{setting}\": expected standard or json");
    }
}
