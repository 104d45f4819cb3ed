using System.Globalization;

namespace SecretVault.Plugins.Kv.V2;

/// <summary>Times as Vault writes them: RFC 3339 in UTC with the fraction's trailing zeros dropped, or "" for none.</summary>
public static class KvTime
{
    public static string Format(DateTimeOffset? time) =>
        time is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture) : "";
}
