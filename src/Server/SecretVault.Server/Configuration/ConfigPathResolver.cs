namespace SecretVault.Server.Configuration;

/// <summary>
/// Resolves the relative paths of a configuration file (the file storage <c>path</c>, the listeners' TLS files) against
/// the folder of that file, so that a server started from any working directory finds the same files.
/// </summary>
public static class ConfigPathResolver
{
    /// <summary>Paths of <paramref name="config"/> made absolute against <paramref name="folder"/>.</summary>
    public static ServerConfig Resolve(ServerConfig config, string folder)
    {
        var settings = config.Storage.Settings.ToDictionary(
            s => s.Key,
            s => s.Key == "path" && s.Value.Length > 0 ? Path.GetFullPath(s.Value, folder) : s.Value,
            StringComparer.Ordinal);
        return config with
        {
            Storage = config.Storage with { Settings = settings },
            Listener = Resolve(config.Listener, folder),
            AdditionalListeners = [.. config.AdditionalListeners.Select(l => Resolve(l, folder))],
        };
    }

    private static ListenerConfig Resolve(ListenerConfig listener, string folder) => listener with
    {
        TlsCertFile = Full(listener.TlsCertFile, folder),
        TlsKeyFile = Full(listener.TlsKeyFile, folder),
        TlsClientCaFile = Full(listener.TlsClientCaFile, folder),
    };

    private static string? Full(string? path, string folder) => path is null or "" ? path : Path.GetFullPath(path, folder);
}
