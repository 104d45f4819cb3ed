using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using SecretVault.Core.Mounts;
using SecretVault.Server.Configuration;

namespace SecretVault.Server.Hosting;

/// <summary>The <c>server</c> command: load configuration (or dev settings), start, print the dev banner, run until stopped.</summary>
public static class ServerCommand
{
    private const string Usage = "Usage: SecretVault.Server server (-dev [-dev-root-token-id=TOKEN] [-dev-listen-address=ADDR] | -config=FILE)";

    /// <summary>Runs the server; returns the process exit code.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        if (args.Length == 0 || args[0] != "server")
        {
            await error.WriteLineAsync(Usage).ConfigureAwait(false);
            return 1;
        }

        ServerArguments arguments;
        ServerConfig config;
        try
        {
            arguments = ServerArguments.Parse(args[1..]);
            config = arguments.Dev ? DevConfig(arguments) : new ConfigLoader(StorageCatalog.Default.Types).LoadFile(arguments.ConfigPath!);
        }
        catch (Exception ex) when (ex is ArgumentException or ConfigException)
        {
            await error.WriteLineAsync($"Error: {ex.Message}").ConfigureAwait(false);
            await error.WriteLineAsync(Usage).ConfigureAwait(false);
            return 1;
        }

        SecretVaultHost host;
        try
        {
            host = await SecretVaultHost.StartAsync(config).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is ConfigException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            await error.WriteLineAsync($"Error starting the server: {ex.Message}").ConfigureAwait(false);
            return 1;
        }

        await using (host.ConfigureAwait(false))
        {
            if (arguments.Dev)
            {
                var (unsealKey, rootToken) = await DevMode.BootstrapAsync(host.Lifecycle, host.Services.GetRequiredService<MountManager>(), arguments.DevRootTokenId).ConfigureAwait(false);
                DevMode.SaveTokenForCli(rootToken);
                await output.WriteAsync(DevMode.Banner(host.Address, unsealKey, rootToken)).ConfigureAwait(false);
            }
            else
            {
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"==> SecretVault server started on {host.Address} (storage: {config.Storage.Type}); sealed until unsealed.")).ConfigureAwait(false);
            }

            await host.WaitForShutdownAsync().ConfigureAwait(false);
        }

        return 0;
    }

    private static ServerConfig DevConfig(ServerArguments arguments) => new()
    {
        Storage = new StorageConfig("inmem", new Dictionary<string, string>()),
        Listener = new ListenerConfig
        {
            Address = ListenAddressParser.Parse(arguments.DevListenAddress, "dev-listen-address"),
            TlsDisable = true,
        },
        ApiAddr = "http://" + arguments.DevListenAddress,
        LogLevel = "info",
    };
}
