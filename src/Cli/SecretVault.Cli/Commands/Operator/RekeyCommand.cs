using System.Globalization;
using SecretVault.Client.Models;

namespace SecretVault.Cli.Commands.Operator;

/// <summary><c>vaultcli operator rekey</c>: new unseal key shares (and root key), authorized by the current shares, as <c>vault operator rekey</c>.</summary>
public sealed class RekeyCommand : ICommand
{
    public string Name => "operator rekey";

    public string Synopsis => "Generates new unseal keys";

    public string Help => """
        Usage: vaultcli operator rekey [options] [KEY]

          Replaces the unseal key shares, and the root key under them. Start with -init
          (new -key-shares and -key-threshold), then a threshold of current key holders
          each run the command with their share (prompted without echo when KEY is absent).
          The last one prints the new shares. With -verify at -init, the new shares take
          effect only after a threshold of them is given back with -verify.
          Needs a token with sudo on sys/rekey/*.

          -init               Start a rekey.
          -key-shares=N       With -init: number of new shares (default 5).
          -key-threshold=N    With -init: shares needed to unseal (default 3).
          -verify             With -init: require verification of the new shares.
                              Otherwise: act on the verification (give a new share,
                              -status, or -cancel to restart it).
          -nonce=NONCE        The rekey's (or verification's) nonce; required with KEY.
          -status             Print the current rekey.
          -cancel             Cancel the rekey (with -verify: restart verification).
          -format=table|json  Output format.
        """;

    public IReadOnlySet<string> ValueFlags { get; } = new HashSet<string> { "key-shares", "key-threshold", "nonce", "pgp-keys", "target" };

    public IReadOnlySet<string> BooleanFlags { get; } = new HashSet<string> { "init", "verify", "status", "cancel", "backup" };

    public Task<int> RunAsync(CommandContext context, CancellationToken ct) => ApiCall.RunAsync(context, "rekeying", async () =>
    {
        var arguments = context.Arguments;
        if (arguments.Get("pgp-keys") is not null || arguments.GetBool("backup") || (arguments.Get("target") ?? "barrier") != "barrier")
        {
            await context.Error.WriteLineAsync("Error: -pgp-keys, -backup and -target=recovery are not supported by this server").ConfigureAwait(false);
            return 1;
        }

        var verify = arguments.GetBool("verify");
        var client = context.Client;
        if (arguments.GetBool("init"))
        {
            if (!verify)
            {
                // Without verification the new keys take effect before anyone has them: lost output means no keys.
                await context.Error.WriteLineAsync("WARNING! Without -verify the new unseal keys take effect as soon as they are printed. If that output is lost, nobody can unseal this server again. Use -verify unless you are sure.").ConfigureAwait(false);
            }

            var body = new { secret_shares = Number(arguments.Get("key-shares"), 5), secret_threshold = Number(arguments.Get("key-threshold"), 3), require_verification = verify };
            Print(context, (await client.RekeyAsync(HttpMethod.Put, "init", body, ct).ConfigureAwait(false))!, verification: false);
            return 0;
        }

        var step = verify ? "verify" : "init";
        if (arguments.GetBool("cancel"))
        {
            var after = await client.RekeyAsync(HttpMethod.Delete, step, null, ct).ConfigureAwait(false);
            if (after is null)
            {
                await context.Out.WriteLineAsync("Success! Canceled rekeying (if it was started)").ConfigureAwait(false);
            }
            else
            {
                Print(context, after, verification: true);
            }

            return 0;
        }

        var status = (await client.RekeyAsync(HttpMethod.Get, step, null, ct).ConfigureAwait(false))!;
        if (arguments.GetBool("status"))
        {
            Print(context, status, verify);
            return 0;
        }

        return await ProvideAsync(context, status, verify, ct).ConfigureAwait(false);
    });

    private static async Task<int> ProvideAsync(CommandContext context, RekeyStatusResponse status, bool verify, CancellationToken ct)
    {
        if (!verify && !status.Started)
        {
            await context.Error.WriteLineAsync("No rekey is in progress. Start one with \"vaultcli operator rekey -init\".").ConfigureAwait(false);
            return 1;
        }

        var prompt = verify ? "New Unseal Key (will be hidden): " : "Unseal Key (will be hidden): ";
        if (await KeyShareEntry.ReadAsync(context, status.Nonce, prompt).ConfigureAwait(false) is not { } entry)
        {
            return 1;
        }

        var (key, nonce) = entry;

        var result = (await context.Client.RekeyAsync(HttpMethod.Put, verify ? "verify" : "update", new { key, nonce }, ct).ConfigureAwait(false))!;
        if (!result.Complete)
        {
            Print(context, result, verify);
            return 0;
        }

        foreach (var warning in result.Warnings ?? [])
        {
            await context.Error.WriteLineAsync("WARNING! " + warning).ConfigureAwait(false);
        }

        if (context.Structured)
        {
            context.Printer.Json(result);
            return 0;
        }

        if (verify)
        {
            await context.Out.WriteLineAsync($"Success! Rekey verification was successful. The rekey operation is complete and the new keys are now active.").ConfigureAwait(false);
            return 0;
        }

        await PrintNewKeysAsync(context, result).ConfigureAwait(false);
        return 0;
    }

    private static async Task PrintNewKeysAsync(CommandContext context, RekeyStatusResponse result)
    {
        var keys = result.KeysBase64 ?? [];
        for (var i = 0; i < keys.Count; i++)
        {
            await context.Out.WriteLineAsync($"Key {i + 1}: {keys[i]}").ConfigureAwait(false);
        }

        await context.Out.WriteLineAsync().ConfigureAwait(false);
        await context.Out.WriteLineAsync($"Operation nonce: {result.Nonce}").ConfigureAwait(false);
        await context.Out.WriteLineAsync().ConfigureAwait(false);
        if (result.VerificationRequired)
        {
            await context.Out.WriteLineAsync($"The new keys are not yet active. Give a threshold of them back with \"vaultcli operator rekey -verify\" (verification nonce {result.VerificationNonce}); until then the current keys stay in use.").ConfigureAwait(false);
        }
        else
        {
            await context.Out.WriteLineAsync($"Vault unseal keys rekeyed with {keys.Count} key shares. Please securely distribute the key shares printed above; the old ones no longer unseal.").ConfigureAwait(false);
        }
    }

    private static void Print(CommandContext context, RekeyStatusResponse status, bool verification)
    {
        if (context.Structured)
        {
            context.Printer.Json(status);
            return;
        }

        var rows = new List<(string Key, string Value)>
        {
            ("Nonce", status.Nonce),
            ("Started", Output.Printer.Bool(status.Started)),
        };
        if (verification)
        {
            rows.Add(("Verification Progress", $"{status.Progress}/{status.T}"));
        }
        else
        {
            rows.Add(("Rekey Progress", $"{status.Progress}/{status.Required}"));
            rows.Add(("New Shares", status.N.ToString(CultureInfo.InvariantCulture)));
            rows.Add(("New Threshold", status.T.ToString(CultureInfo.InvariantCulture)));
            rows.Add(("Verification Required", Output.Printer.Bool(status.VerificationRequired)));
            if (status.VerificationNonce.Length > 0)
            {
                rows.Add(("Verification Nonce", status.VerificationNonce));
            }
        }

        context.Printer.Table(rows);
    }

    private static int Number(string? value, int fallback) =>
        value is null ? fallback
        : int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number
        : throw new Parsing.CliUsageException($"invalid number \"{value}\"");
}
