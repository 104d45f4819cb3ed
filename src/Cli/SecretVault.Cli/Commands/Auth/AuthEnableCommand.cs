using System.Text.Json.Nodes;

namespace SecretVault.Cli.Commands.Auth;

/// <summary><c>vaultcli auth enable [-path=P] TYPE</c>.</summary>
public sealed class AuthEnableCommand : ICommand
{
    public string Name => "auth enable";

    public string Synopsis => "Enable an auth method";

    public string Help => """
        Usage: vaultcli auth enable [options] TYPE

          Enables an auth method (userpass, approle) at -path (default: the type's name).

          -path=P  -description=TEXT  -default-lease-ttl=DUR  -max-lease-ttl=DUR
          -token-type=default-service|default-batch|service|batch  -listing-visibility=unauth|hidden
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
        await context.Client.WriteAsync("sys/auth/" + path, body.ToJsonString(), HttpMethod.Post, ct).ConfigureAwait(false);
        await context.Out.WriteLineAsync($"Success! Enabled {type} auth method at: {path}").ConfigureAwait(false);
        return 0;
    });
}
