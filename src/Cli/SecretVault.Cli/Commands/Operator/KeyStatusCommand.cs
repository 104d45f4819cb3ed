using System.Globalization;
using SecretVault.Cli.Output;
using SecretVault.Client;
using SecretVault.Client.Models;

namespace SecretVault.Cli.Commands.Operator;

/// <summary><c>vaultcli operator key-status</c>: the active barrier key term.</summary>
public sealed class KeyStatusCommand : ICommand
{
    public string Name => "operator key-status";

    public string Synopsis => "Provides information about the active encryption key";

    public string Help => """
        Usage: vaultcli operator key-status [options]

          Prints the active key term of the barrier, when it was installed and how many
          encryptions it has done.
        """;

    public IReadOnlySet<string> ValueFlags { get; } = new HashSet<string>();

    public IReadOnlySet<string> BooleanFlags { get; } = new HashSet<string>();

    public async Task<int> RunAsync(CommandContext context, CancellationToken ct)
    {
        try
        {
            Print(context, await context.Client.GetKeyStatusAsync(ct).ConfigureAwait(false));
            return 0;
        }
        catch (VaultApiException ex)
        {
            await context.Error.WriteLineAsync(ApiErrorText.Format("reading key status", ex)).ConfigureAwait(false);
            return 2;
        }
    }

    /// <summary>Prints a key status as a table or JSON.</summary>
    public static void Print(CommandContext context, KeyStatusResponse status)
    {
        if (context.Structured)
        {
            context.Printer.Json(status);
            return;
        }

        context.Printer.Table(
        [
            ("Key Term", status.Term.ToString(CultureInfo.InvariantCulture)),
            ("Install Time", status.InstallTime),
            ("Encryption Count", status.Encryptions.ToString(CultureInfo.InvariantCulture)),
        ]);
    }
}
