using SecretVault.Cli.Output;
using SecretVault.Client;

namespace SecretVault.Cli.Commands;

/// <summary>Runs a command body and reports an API error or a failed connection as vault does, with exit code 2.</summary>
public static class ApiCall
{
    public static async Task<int> RunAsync(CommandContext context, string doing, Func<Task<int>> body)
    {
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (VaultApiException ex)
        {
            await context.Error.WriteLineAsync(ApiErrorText.Format(doing, ex)).ConfigureAwait(false);
            return 2;
        }
        catch (HttpRequestException ex)
        {
            // No answer at all (refused, TLS): one line, exit 2, as vault reports a failed request.
            await context.Error.WriteLineAsync($"Error {doing}: {ex.Message}").ConfigureAwait(false);
            return 2;
        }
    }

    /// <summary>The single required positional argument, or a usage error.</summary>
    public static string RequiredArgument(CommandContext context, string what) =>
        context.Arguments.Positional.Count >= 1 ? context.Arguments.Positional[0] : throw new Parsing.CliUsageException($"missing {what}");
}
