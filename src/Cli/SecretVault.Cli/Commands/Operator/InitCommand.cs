using SecretVault.Cli.Output;
using SecretVault.Client;

namespace SecretVault.Cli.Commands.Operator;

/// <summary><c>vaultcli operator init</c>: initialize storage and print the unseal keys and root token once.</summary>
public sealed class InitCommand : ICommand
{
    public string Name => "operator init";

    public string Synopsis => "Initializes a server";

    public string Help => """
        Usage: vaultcli operator init [options]

          Initializes a server: generates the unseal key shares and the initial root token.
          They are printed once and never stored by the server.

          -key-shares=5       Number of key shares to split the unseal key into.
          -key-threshold=3    Number of shares required to unseal.
          -status             Only report whether the server is initialized (exit 0 yes, 2 no).
          -format=table|json  Output format.
        """;

    public IReadOnlySet<string> ValueFlags { get; } = new HashSet<string> { "key-shares", "key-threshold" };

    public IReadOnlySet<string> BooleanFlags { get; } = new HashSet<string> { "status" };

    public async Task<int> RunAsync(CommandContext context, CancellationToken ct)
    {
        try
        {
            if (context.Arguments.GetBool("status"))
            {
                var initialized = await context.Client.GetInitStatusAsync(ct).ConfigureAwait(false);
                await context.Out.WriteLineAsync(initialized ? "Vault is initialized" : "Vault is not initialized").ConfigureAwait(false);
                return initialized ? 0 : 2;
            }

            var shares = context.Arguments.GetInt("key-shares", 5);
            var threshold = context.Arguments.GetInt("key-threshold", 3);
            var result = await context.Client.InitAsync(shares, threshold, ct).ConfigureAwait(false);
            if (context.Structured)
            {
                context.Printer.Json(new Dictionary<string, object>
                {
                    ["unseal_keys_b64"] = result.KeysBase64,
                    ["unseal_keys_hex"] = result.Keys,
                    ["unseal_shares"] = shares,
                    ["unseal_threshold"] = threshold,
                    ["recovery_keys_b64"] = Array.Empty<string>(),
                    ["recovery_keys_hex"] = Array.Empty<string>(),
                    ["recovery_keys_shares"] = 0,
                    ["recovery_keys_threshold"] = 0,
                    ["root_token"] = result.RootToken,
                });
                return 0;
            }

            for (var i = 0; i < result.KeysBase64.Count; i++)
            {
                await context.Out.WriteLineAsync($"Unseal Key {i + 1}: {result.KeysBase64[i]}").ConfigureAwait(false);
            }

            await context.Out.WriteLineAsync().ConfigureAwait(false);
            await context.Out.WriteLineAsync($"Initial Root Token: {result.RootToken}").ConfigureAwait(false);
            await context.Out.WriteLineAsync().ConfigureAwait(false);
            await context.Out.WriteLineAsync($"""
                Vault initialized with {shares} key shares and a key threshold of {threshold}. Please securely
                distribute the key shares printed above. When the Vault is re-sealed,
                restarted, or stopped, you must supply at least {threshold} of these keys to unseal it
                before it can start servicing requests.

                Vault does not store the generated root key. Without at least {threshold} keys to
                reconstruct the root key, Vault will remain permanently sealed!
                """).ConfigureAwait(false);
            return 0;
        }
        catch (VaultApiException ex)
        {
            await context.Error.WriteLineAsync(ApiErrorText.Format("initializing", ex)).ConfigureAwait(false);
            return 2;
        }
    }
}
