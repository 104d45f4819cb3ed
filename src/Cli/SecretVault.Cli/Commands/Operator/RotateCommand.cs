using SecretVault.Cli.Output;
using SecretVault.Client;

namespace SecretVault.Cli.Commands.Operator;

/// <summary><c>vaultcli operator rotate</c>: add a new barrier key term.</summary>
public sealed class RotateCommand : ICommand
{
    public string Name => "operator rotate";

    public string Synopsis => "Rotates the underlying encryption key";

    public string Help => """
        Usage: vaultcli operator rotate [options]

          Adds a new key term to the barrier's keyring. New writes use it; values
          written under older terms stay readable. Needs a root token or sudo on sys/rotate.
        """;

    public IReadOnlySet<string> ValueFlags { get; } = new HashSet<string>();

    public IReadOnlySet<string> BooleanFlags { get; } = new HashSet<string>();

    public async Task<int> RunAsync(CommandContext context, CancellationToken ct)
    {
        try
        {
            await context.Client.RotateAsync(ct).ConfigureAwait(false);
            var status = await context.Client.GetKeyStatusAsync(ct).ConfigureAwait(false);
            if (!context.Structured)
            {
                await context.Out.WriteLineAsync("Success! Rotated key").ConfigureAwait(false);
                await context.Out.WriteLineAsync().ConfigureAwait(false);
            }

            KeyStatusCommand.Print(context, status);
            return 0;
        }
        catch (VaultApiException ex)
        {
            await context.Error.WriteLineAsync(ApiErrorText.Format("rotating key", ex)).ConfigureAwait(false);
            return 2;
        }
    }
}
