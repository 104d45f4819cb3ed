using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using SecretVault.Core.Mounts;
using SecretVault.Server.Configuration;

namespace SecretVault.Server.Hosting;

/// <summary>The <c>server</c> command: load configuration (or dev settings), start, print the dev banner, run until stopped.</summary>
public static class ServerCommand
{
    private const string Usage = "Usage: SecretVault.Server server (-dev [-dev-root-token-id=TOKEN] [-dev-listen-address=ADDR] | -config=PATH)";

    private const string Help = Usage + """


          Starts the server. With -config it reads the configuration file (YAML, JSON or Vault's HCL), or
          every .hcl, .json, .yaml and .yml file of a folder merged in name order; relative paths in it are
          resolved against the folder of the file. The server starts sealed. See docs/configuration.md.

        Options:

          -config=PATH                 The configuration file or folder.
          -dev                         An in-memory, initialized and unsealed server with a printed root token.
          -dev-listen-address=ADDR     The dev server's address (default 127.0.0.1:8200).
          -dev-root-token-id=TOKEN     The dev server's root token (default: generated).
          -h, -help                    Prints this help.
        """;

    /// <summary>Runs the server; returns the process exit code.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        if (args is ["-h" or "-help" or "--help" or "--h"])
        {
            await output.WriteLineAsync(Help).ConfigureAwait(false);
            return 0;
        }

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
            if (arguments.Help)
            {
                await output.WriteLineAsync(Help).ConfigureAwait(false);
                return 0;
            }

            config = arguments.Dev ? DevConfig(arguments) : new ConfigLoader(StorageCatalog.Default.Types).LoadFile(arguments.ConfigPath!);
        }
        catch (Exception ex) when (ex is ArgumentException or ConfigException)
        {
            // One line, as vault prints it: "Error loading configuration from FILE: ..." or "Error: <flag problem>".
            await error.WriteLineAsync(ex.Message.StartsWith("error ", StringComparison.Ordinal) ? "E" + ex.Message[1..] : $"Error: {ex.Message} (see -h)").ConfigureAwait(false);
            return 1;
        }

        if (config.KeysWithoutEffect.Count > 0)
        {
            await error.WriteLineAsync($"WARNING: these configuration keys are accepted but have no effect yet: {string.Join(", ", config.KeysWithoutEffect)}").ConfigureAwait(false);
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
