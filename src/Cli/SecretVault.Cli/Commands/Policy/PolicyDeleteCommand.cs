namespace SecretVault.Cli.Commands.Policy;

/// <summary><c>vaultcli policy delete NAME</c>.</summary>
public sealed class PolicyDeleteCommand : ICommand
{
    public string Name => "policy delete";

    public string Synopsis => "Delete a policy by name";

    public string Help => "Usage: vaultcli policy delete [options] NAME\n\n  Deletes the named ACL policy.";

    public IReadOnlySet<string> ValueFlags { get; } = new HashSet<string>();

    public IReadOnlySet<string> BooleanFlags { get; } = new HashSet<string>();

    public Task<int> RunAsync(CommandContext context, CancellationToken ct) => ApiCall.RunAsync(context, "deleting policy", async () =>
    {
        var name = ApiCall.RequiredArgument(context, "NAME");
        await context.Client.DeleteAsync("sys/policies/acl/" + name, ct).ConfigureAwait(false);
        await context.Out.WriteLineAsync($"Success! Deleted policy: {name}").ConfigureAwait(false);
        return 0;
    });
}
