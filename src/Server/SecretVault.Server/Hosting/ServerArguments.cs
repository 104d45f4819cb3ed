namespace SecretVault.Server.Hosting;

/// <summary>
/// The command line of <c>server</c>: <c>--dev</c> (with <c>--dev-root-token-id</c>,
/// <c>--dev-listen-address</c>) or <c>--config FILE</c>. Single and double dashes, and
/// <c>-flag=value</c> or <c>-flag value</c>, are accepted as the vault CLI does.
/// </summary>
public sealed record ServerArguments
{
    public bool Dev { get; init; }

    public string? DevRootTokenId { get; init; }

    public string DevListenAddress { get; init; } = "127.0.0.1:8200";

    public string? ConfigPath { get; init; }

    /// <summary><c>-h</c>, <c>-help</c>: print the help and exit 0, as <c>vault server -h</c>.</summary>
    public bool Help { get; init; }

    /// <summary><c>-log-level</c>: overrides <c>log_level</c> and VAULT_LOG_LEVEL.</summary>
    public string? LogLevel { get; init; }

    /// <summary><c>-log-format</c>: overrides <c>log_format</c> and VAULT_LOG_FORMAT.</summary>
    public string? LogFormat { get; init; }

    /// <summary>Parses the arguments after <c>server</c>; throws <see cref="ArgumentException"/> on a bad flag.</summary>
    public static ServerArguments Parse(IReadOnlyList<string> args)
    {
        var result = new ServerArguments();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i].TrimStart('-');
            var eq = arg.IndexOf('=', StringComparison.Ordinal);
            var name = eq < 0 ? arg : arg[..eq];
            string Value() => eq >= 0 ? arg[(eq + 1)..] : ++i < args.Count ? args[i] : throw new ArgumentException($"flag needs an argument: -{name}");
            result = name switch
            {
                "dev" => result with { Dev = eq < 0 || arg[(eq + 1)..] is "true" or "1" },
                "dev-root-token-id" => result with { DevRootTokenId = Value() },
                "dev-listen-address" => result with { DevListenAddress = Value() },
                "config" => result with { ConfigPath = Value() },
                "h" or "help" => result with { Help = true },
                "log-level" => result with { LogLevel = Value() },
                "log-format" => result with { LogFormat = Value() },
                _ => throw new ArgumentException($"flag provided but not defined: -{name}"),
            };
        }

        if (!result.Dev && result.ConfigPath is null && !result.Help)
        {
            throw new ArgumentException("either -dev or -config FILE is required");
        }

        return result;
    }
}
