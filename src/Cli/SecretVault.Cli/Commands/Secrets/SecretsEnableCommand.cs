using System.Text.Json.Nodes;

namespace SecretVault.Cli.Commands.Secrets;

/// <summary><c>vaultcli secrets enable [-path=P] [-version=2] TYPE</c>.</summary>
public sealed class SecretsEnableCommand : ICommand
{
    public string Name => "secrets enable";

    public string Synopsis => "Enable a secrets engine";

    public string Help => """
        Usage: vaultcli secrets enable [options] TYPE

          Enables a secrets engine at -path (default: the type's name).

          -path=P                   Where to mount it.
          -description=TEXT         A description.
          -version=N                KV version (1 or 2).
          -default-lease-ttl=DUR    -max-lease-ttl=DUR    Lease TTLs of the mount.
          -audit-non-hmac-request-keys=K,..  -audit-non-hmac-response-keys=K,..
          -listing-visibility=unauth|hidden  -passthrough-request-headers=H,..  -allowed-response-headers=H,..
          -local                    -seal-wrap
        """;

    public IReadOnlySet<string> ValueFlags { get; } = new HashSet<string>(MountFlags.Names);

    public IReadOnlySet<string> BooleanFlags { get; } = new HashSet<string> { "local", "seal-wrap" };

    public Task<int> RunAsync(CommandContext context, CancellationToken ct) => ApiCall.RunAsync(context, "enabling", async () =>
    {
        var type = ApiCall.RequiredArgument(context, "TYPE");
        var path = MountTable.Normalize(context.Arguments.Get("path") ?? type);
        var body = new JsonObject
        {
            ["type"] = type,
            ["description"] = context.Arguments.Get("description") ?? "",
            ["config"] = MountFlags.Config(context),
            ["local"] = context.Arguments.GetBool("local"),
            ["seal_wrap"] = context.Arguments.GetBool("seal-wrap"),
        };
        if (context.Arguments.Get("version") is { } version)
        {
            body["options"] = new JsonObject { ["version"] = version };
        }

        await context.Client.WriteAsync("sys/mounts/" + path, body.ToJsonString(), HttpMethod.Post, ct).ConfigureAwait(false);
        await context.Out.WriteLineAsync($"Success! Enabled the {type} secrets engine at: {path}").ConfigureAwait(false);
        return 0;
    });
}
