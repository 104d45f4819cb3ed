using SecretVault.Cli.Output;
using SecretVault.Cli.Parsing;
using SecretVault.Client;

namespace SecretVault.Cli;

/// <summary>What a running command gets: its arguments, the console, and a client built from the common flags.</summary>
public sealed class CommandContext
{
    private readonly CliEnvironment _environment;
    private VaultClient? _client;

    public CommandContext(ParsedArguments arguments, CliEnvironment environment)
    {
        Arguments = arguments;
        _environment = environment;
        var format = arguments.Get("format") ?? environment.Variable("VAULT_FORMAT") ?? "table";
        Format = format is "table" or "json" or "yaml" ? format : throw new CliUsageException($"invalid format \"{format}\": expected table, json or yaml");
        Printer = new Printer(environment.Out, Format);
    }

    public ParsedArguments Arguments { get; }

    public CliEnvironment Environment => _environment;

    public TextWriter Out => _environment.Out;

    public TextWriter Error => _environment.Error;

    /// <summary>table, json or yaml.</summary>
    public string Format { get; }

    /// <summary>Whether the output is data (json or yaml) rather than a table.</summary>
    public bool Structured => Format != "table";

    public Printer Printer { get; }

    /// <summary>The client for the address and token in effect (created on first use).</summary>
    public VaultClient Client => _client ??= CreateClient();

    private VaultClient CreateClient()
    {
        var tls = new TlsSettings
        {
            CaCert = Arguments.Get("ca-cert"),
            CaPath = Arguments.Get("ca-path"),
            ClientCert = Arguments.Get("client-cert"),
            ClientKey = Arguments.Get("client-key"),
            ServerName = Arguments.Get("tls-server-name"),
        };
        var settings = ClientSettings.Resolve(Arguments.Get("address"), _environment.Variable, _environment.HomeDirectory, Arguments.GetBool("tls-skip-verify"), tls);
        var client = _environment.HandlerFactory is null
            ? new VaultClient(settings)
            : new VaultClient(new HttpClient(_environment.HandlerFactory()) { BaseAddress = settings.Address }, settings.Token, ownsHttp: true);
        client.WrapTtl = Arguments.Get("wrap-ttl") ?? _environment.Variable("VAULT_WRAP_TTL");
        client.OutputCurlString = Arguments.GetBool("output-curl-string");
        return client;
    }
}
