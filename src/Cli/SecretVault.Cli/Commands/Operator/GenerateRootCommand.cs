using SecretVault.Client;
using SecretVault.Client.Models;

namespace SecretVault.Cli.Commands.Operator;

/// <summary><c>vaultcli operator generate-root</c>: mint a root token with a quorum of unseal key holders, as <c>vault operator generate-root</c>.</summary>
public sealed class GenerateRootCommand : ICommand
{
    public string Name => "operator generate-root";

    public string Synopsis => "Generates a new root token";

    public string Help => """
        Usage: vaultcli operator generate-root [options] [KEY]

          Generates a new root token when a quorum of unseal key holders agrees. Start an
          attempt with -init (the server returns an OTP once; keep it), then each key holder
          runs the command with their unseal key share (prompted without echo when KEY is
          absent). The last share returns the encoded token; decode it with -decode and -otp.
          Needs a token with sudo on sys/generate-root/*.

          -init               Start a root token generation attempt.
          -otp=OTP            With -init: use this OTP instead of one from the server.
                              With -decode: the OTP to decode with.
          -generate-otp       Print a new OTP of the server's length (to pass to -init -otp).
          -decode=ENCODED     Decode an encoded root token locally (needs -otp).
          -nonce=NONCE        The attempt's nonce; required with KEY, shown at the prompt otherwise.
          -status             Print the current attempt.
          -cancel             Cancel the attempt and discard its shares.
          -format=table|json  Output format.
        """;

    public IReadOnlySet<string> ValueFlags { get; } = new HashSet<string> { "otp", "decode", "nonce", "pgp-key" };

    public IReadOnlySet<string> BooleanFlags { get; } = new HashSet<string> { "init", "generate-otp", "status", "cancel" };

    public Task<int> RunAsync(CommandContext context, CancellationToken ct) => ApiCall.RunAsync(context, "generating root", async () =>
    {
        var arguments = context.Arguments;
        if (arguments.Get("pgp-key") is not null)
        {
            await context.Error.WriteLineAsync("Error initializing: -pgp-key is not supported by this server; use an OTP").ConfigureAwait(false);
            return 1;
        }

        if (arguments.GetBool("generate-otp"))
        {
            var length = (await context.Client.GetGenerateRootStatusAsync(ct).ConfigureAwait(false)).OtpLength;
            var otp = RootTokenOtp.Generate(length);
            Print(context, otp, new Dictionary<string, object> { ["otp"] = otp, ["otp_length"] = length });
            return 0;
        }

        if (arguments.Get("decode") is { } encoded)
        {
            return await DecodeAsync(context, encoded, arguments.Get("otp")).ConfigureAwait(false);
        }

        if (arguments.GetBool("cancel"))
        {
            await context.Client.CancelGenerateRootAsync(ct).ConfigureAwait(false);
            await context.Out.WriteLineAsync("Success! Root token generation canceled (if it was started)").ConfigureAwait(false);
            return 0;
        }

        if (arguments.GetBool("init"))
        {
            var started = await context.Client.StartGenerateRootAsync(arguments.Get("otp") ?? "", ct).ConfigureAwait(false);
            await PrintStatusAsync(context, started).ConfigureAwait(false);
            return 0;
        }

        var status = await context.Client.GetGenerateRootStatusAsync(ct).ConfigureAwait(false);
        if (arguments.GetBool("status"))
        {
            await PrintStatusAsync(context, status).ConfigureAwait(false);
            return 0;
        }

        return await ProvideAsync(context, status, ct).ConfigureAwait(false);
    });

    private static async Task<int> ProvideAsync(CommandContext context, GenerateRootStatusResponse status, CancellationToken ct)
    {
        if (!status.Started)
        {
            await context.Error.WriteLineAsync("No root generation is in progress. Start one with \"vaultcli operator generate-root -init\".").ConfigureAwait(false);
            return 1;
        }

        if (await KeyShareEntry.ReadAsync(context, status.Nonce, "Unseal Key (will be hidden): ").ConfigureAwait(false) is not { } entry)
        {
            return 1;
        }

        var (key, nonce) = entry;

        var updated = await context.Client.UpdateGenerateRootAsync(key, nonce, ct).ConfigureAwait(false);
        await PrintStatusAsync(context, updated).ConfigureAwait(false);
        return 0;
    }

    private static async Task<int> DecodeAsync(CommandContext context, string encoded, string? otp)
    {
        if (encoded.Length == 0 || string.IsNullOrEmpty(otp))
        {
            await context.Error.WriteLineAsync(encoded.Length == 0 ? "Missing encoded value: use -decode=<string> to supply it" : "Missing otp: use -otp to supply it").ConfigureAwait(false);
            return 1;
        }

        string token;
        try
        {
            token = RootTokenOtp.Decode(encoded, otp);
        }
        catch (FormatException ex)
        {
            await context.Error.WriteLineAsync($"Error decoding root token: {ex.Message}").ConfigureAwait(false);
            return 1;
        }

        Print(context, token, new Dictionary<string, object> { ["token"] = token });
        return 0;
    }

    private static void Print(CommandContext context, string raw, Dictionary<string, object> json)
    {
        if (context.Structured)
        {
            context.Printer.Json(json);
        }
        else
        {
            context.Out.WriteLine(raw);
        }
    }

    private static async Task PrintStatusAsync(CommandContext context, GenerateRootStatusResponse status)
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
            ("Progress", $"{status.Progress}/{status.Required}"),
            ("Complete", Output.Printer.Bool(status.Complete)),
        };
        if (status.EncodedToken.Length > 0)
        {
            rows.Add(("Encoded Token", status.EncodedToken));
        }

        if (status.Otp.Length > 0)
        {
            await context.Error.WriteLineAsync("A One-Time-Password has been generated for you and is shown in the OTP field. You will need this value to decode the resulting root token, so keep it safe.").ConfigureAwait(false);
            rows.Add(("OTP", status.Otp));
        }

        if (status.OtpLength != 0)
        {
            rows.Add(("OTP Length", status.OtpLength.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        context.Printer.Table(rows);
    }
}
