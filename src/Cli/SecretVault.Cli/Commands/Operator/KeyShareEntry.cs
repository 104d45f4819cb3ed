namespace SecretVault.Cli.Commands.Operator;

/// <summary>
/// How a key holder hands one share to a ceremony (generate-root, rekey), as the vault CLI does: KEY on the
/// command line goes only to the operation its holder names with <c>-nonce</c> (an operation restarted by someone
/// else in between must not receive it); at the hidden prompt the server's nonce is shown first.
/// </summary>
internal static class KeyShareEntry
{
    /// <summary>The share and the nonce to send it with, or null after telling the user what is missing.</summary>
    public static async Task<(string Key, string Nonce)?> ReadAsync(CommandContext context, string serverNonce, string prompt)
    {
        var fromArgument = context.Arguments.Positional.Count > 0;
        var nonce = context.Arguments.Get("nonce") ?? (fromArgument ? null : serverNonce);
        if (nonce is null)
        {
            await context.Error.WriteLineAsync("Missing nonce value: specify it via the -nonce flag").ConfigureAwait(false);
            return null;
        }

        var key = fromArgument ? context.Arguments.Positional[0] : context.Environment.ReadSecret($"Operation nonce: {nonce}\n{prompt}");
        if (string.IsNullOrWhiteSpace(key))
        {
            await context.Error.WriteLineAsync("Error posting unseal key: missing key").ConfigureAwait(false);
            return null;
        }

        return (key.Trim(), nonce);
    }
}
