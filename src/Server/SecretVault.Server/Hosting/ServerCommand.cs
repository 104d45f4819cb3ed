using System.Runtime.InteropServices;
using Microsoft.Extensions.DependencyInjection;
using SecretVault.Core.Mounts;
using SecretVault.Server.Configuration;
using SecretVault.Server.Logging;

namespace SecretVault.Server.Hosting;

/// <summary>
/// The <c>server</c> command: load configuration (or dev settings), start, print Vault's banner, then let the held
/// log lines through and run until stopped; SIGHUP reloads the TLS certificate and the log level.
/// </summary>
public static class ServerCommand
{
    private const string Usage = "Usage: SecretVault.Server server (-dev [-dev-root-token-id=TOKEN] [-dev-listen-address=ADDR] | -config=PATH) [-log-level=LEVEL] [-log-format=standard|json]";

    private const string Help = Usage + """


          Starts the server. With -config it reads the configuration file (YAML, JSON or Vault's HCL), or
          every .hcl, .json, .yaml and .yml file of a folder merged in name order; relative paths in it are
          resolved against the folder of the file. The server starts sealed. See docs/configuration.md.

        Options:

          -config=PATH                 The configuration file or folder.
          -dev                         An in-memory, initialized and unsealed server with a printed root token.
          -dev-listen-address=ADDR     The dev server's address (default 127.0.0.1:8200).
          -dev-root-token-id=TOKEN     The dev server's root token (default: generated).
          -log-format=standard|json    The log line format (overrides log_format and VAULT_LOG_FORMAT).
          -log-level=LEVEL             trace, debug, info, warn or error (overrides log_level and VAULT_LOG_LEVEL).
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

            config = Load(arguments);
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

        ServerLog log;
        try
        {
            log = new ServerLog(config, error, gated: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"Error opening the log file (log_file {config.LogFile}): {ex.Message}").ConfigureAwait(false);
            return 1;
        }

        using (log)
        {
            return await RunAsync(arguments, config, log, output, error).ConfigureAwait(false);
        }
    }

    private static async Task<int> RunAsync(ServerArguments arguments, ServerConfig config, ServerLog log, TextWriter output, TextWriter error)
    {
        SecretVaultHost host;
        try
        {
            host = await SecretVaultHost.StartAsync(config, log).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is ConfigException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            // The held log lines are dropped: the one line below says why the server did not start.
            await error.WriteLineAsync($"Error starting the server: {ex.Message}").ConfigureAwait(false);
            return 1;
        }

        await using (host.ConfigureAwait(false))
        {
            // Registered before the banner says the server started, so a SIGHUP from then on reloads.
            using var sighup = OperatingSystem.IsWindows() ? null : PosixSignalRegistration.Create(PosixSignal.SIGHUP, signal =>
            {
                // Vault reloads on SIGHUP; .NET's default would end the process (exit 129).
                signal.Cancel = true;
                _ = Task.Run(() => ReloadAsync(arguments, host.Reloader));
            });
            var banner = StartupBanner.Configuration(config, host.Address);
            if (arguments.Dev)
            {
                var (unsealKey, rootToken) = await DevMode.BootstrapAsync(host.Lifecycle, host.Services.GetRequiredService<MountManager>(), arguments.DevRootTokenId).ConfigureAwait(false);
                DevMode.SaveTokenForCli(rootToken);
                banner += DevMode.Banner(host.Address, unsealKey, rootToken);
            }

            // One write, then the log lines held until now: nothing interleaves with the banner.
            await output.WriteAsync(banner + StartupBanner.Started).ConfigureAwait(false);
            await output.FlushAsync().ConfigureAwait(false);
            log.Open();

            await host.WaitForShutdownAsync().ConfigureAwait(false);
        }

        return 0;
    }

    private static ServerConfig Load(ServerArguments arguments)
    {
        var config = arguments.Dev ? DevConfig(arguments) : new ConfigLoader(StorageCatalog.Default.Types).LoadFile(arguments.ConfigPath!);
        return LogOverrides.Apply(config, arguments.LogLevel, arguments.LogFormat, Environment.GetEnvironmentVariable);
    }

    private static async Task ReloadAsync(ServerArguments arguments, ServerReloader reloader)
    {
        ServerConfig next;
        try
        {
            next = Load(arguments);
        }
        catch (Exception ex) when (ex is ArgumentException or ConfigException)
        {
            reloader.ReportUnreadable(ex.Message);
            return;
        }

        await reloader.ReloadAsync(next).ConfigureAwait(false);
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
