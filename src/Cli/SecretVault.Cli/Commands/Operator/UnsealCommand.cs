using SecretVault.Cli.Output;
using SecretVault.Client;
using SecretVault.Client.Models;

namespace SecretVault.Cli.Commands.Operator;

/// <summary><c>vaultcli operator unseal [KEY]</c>: submit one unseal key share; prompts without echo when KEY is absent.</summary>
public sealed class UnsealCommand : ICommand
{
    public string Name => "operator unseal";

    public string Synopsis => "Unseals the server";

    public string Help => """
        Usage: vaultcli operator unseal [options] [KEY]

          Provides one unseal key share. Without KEY, prompts for it without echo;
          sharing keys on the command line leaves them in shell history.

          -reset              Discard the shares submitted so far.
          -format=table|json  Output format.
        """;

    public IReadOnlySet<string> ValueFlags { get; } = new HashSet<string>();

    public IReadOnlySet<string> BooleanFlags { get; } = new HashSet<string> { "reset" };

    public async Task<int> RunAsync(CommandContext context, CancellationToken ct)
    {
        try
        {
            SealStatusResponse status;
            if (context.Arguments.GetBool("reset"))
            {
                status = await context.Client.ResetUnsealAsync(ct).ConfigureAwait(false);
            }
            else
            {
                var key = context.Arguments.Positional.Count > 0 ? context.Arguments.Positional[0] : context.Environment.ReadSecret("Unseal Key (will be hidden): ");
                if (string.IsNullOrWhiteSpace(key))
                {
                    await context.Error.WriteLineAsync("Error unsealing: missing key").ConfigureAwait(false);
                    return 1;
                }

                status = await context.Client.UnsealAsync(key.Trim(), ct).ConfigureAwait(false);
            }

            var leader = status.Sealed ? null : await context.Client.GetLeaderAsync(ct).ConfigureAwait(false);
            if (context.Structured)
            {
                context.Printer.Json(status);
            }
            else
            {
                context.Printer.Table(SealStatusTable.Rows(status, leader));
            }

            return 0;
        }
        catch (VaultApiException ex)
        {
            await context.Error.WriteLineAsync(ApiErrorText.Format("unsealing", ex)).ConfigureAwait(false);
            return 2;
        }
    }
}
