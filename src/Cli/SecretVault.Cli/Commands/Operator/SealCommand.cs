using SecretVault.Cli.Output;
using SecretVault.Client;

namespace SecretVault.Cli.Commands.Operator;

/// <summary><c>vaultcli operator seal</c>: seal the server (needs a root or sudo token).</summary>
public sealed class SealCommand : ICommand
{
    public string Name => "operator seal";

    public string Synopsis => "Seals the server";

    public string Help => """
        Usage: vaultcli operator seal [options]

          Seals the server: it drops every key from memory and refuses requests
          until it is unsealed again. Needs a root token or sudo on sys/seal.
        """;

    public IReadOnlySet<string> ValueFlags { get; } = new HashSet<string>();

    public IReadOnlySet<string> BooleanFlags { get; } = new HashSet<string>();

    public async Task<int> RunAsync(CommandContext context, CancellationToken ct)
    {
        try
        {
            await context.Client.SealAsync(ct).ConfigureAwait(false);
            await context.Out.WriteLineAsync("Success! Vault is sealed.").ConfigureAwait(false);
            return 0;
        }
        catch (VaultApiException ex)
        {
            await context.Error.WriteLineAsync(ApiErrorText.Format("sealing", ex)).ConfigureAwait(false);
            return 2;
        }
    }
}
