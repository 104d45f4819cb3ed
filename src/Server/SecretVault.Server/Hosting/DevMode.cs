using SecretVault.Core;
using SecretVault.Core.Mounts;
using SecretVault.Sdk.Logical;

namespace SecretVault.Server.Hosting;

/// <summary>What <c>server -dev</c> does after start: init with one share, unseal, and tell the operator, as <c>vault server -dev</c>.</summary>
public static class DevMode
{
    /// <summary>
    /// Initializes with one unseal key, unseals and mounts KV version 2 at <c>secret/</c>, as vault's dev
    /// mode does; returns the key (base64) and the root token.
    /// </summary>
    public static async Task<(string UnsealKey, string RootToken)> BootstrapAsync(VaultLifecycle lifecycle, MountManager mounts, string? rootTokenId, CancellationToken ct = default)
    {
        var init = await lifecycle.InitializeAsync(1, 1, rootTokenId, ct).ConfigureAwait(false);
        var key = init.Keys[0];
        var keyText = Convert.ToBase64String(key);
        await lifecycle.SubmitUnsealKeyAsync(key.ToArray(), ct).ConfigureAwait(false);
        await mounts.MountAsync(new MountRequest
        {
            Kind = BackendKind.Secret,
            Path = "secret/",
            Type = "kv",
            Description = "key/value secret storage",
            Options = new Dictionary<string, string> { ["version"] = "2" },
        }, ct).ConfigureAwait(false);
        return (keyText, init.RootToken);
    }

    /// <summary>Writes the root token to ~/.vault-token so the CLI is logged in, as vault's dev mode does.</summary>
    public static void SaveTokenForCli(string rootToken)
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (home.Length == 0 || !Directory.Exists(home))
        {
            return;
        }

        var path = Path.Combine(home, ".vault-token");
        File.WriteAllText(path, rootToken);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    /// <summary>The dev-mode warning with the unseal key and root token, printed after the configuration banner.</summary>
    public static string Banner(Uri address, string unsealKey, string rootToken) => $"""
        WARNING! dev mode is enabled! In this mode, the server keeps everything in
        memory and starts unsealed with a single unseal key. The root token is already
        saved for the CLI, so vaultcli (and vault) can be used at once.

        You may need to set the following environment variable:

            $ export VAULT_ADDR='{address.GetLeftPart(UriPartial.Authority)}'

        The unseal key and root token are displayed below in case you want to
        seal/unseal the server or re-authenticate.

        Unseal Key: {unsealKey}
        Root Token: {rootToken}

        Development mode should NOT be used in production installations!


        """;
}
