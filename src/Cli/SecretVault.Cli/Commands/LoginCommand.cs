using System.Text.Json;
using SecretVault.Cli.Output;
using SecretVault.Cli.Parsing;
using SecretVault.Client.Models;

namespace SecretVault.Cli.Commands;

/// <summary>
/// <c>vaultcli login [TOKEN]</c>, <c>login -method=userpass username=U</c> (password prompted) and
/// <c>login -method=approle role_id=.. secret_id=..</c>; stores the token in ~/.vault-token.
/// </summary>
public sealed class LoginCommand : ICommand
{
    public string Name => "login";

    public string Synopsis => "Authenticate locally";

    public string Help => """
        Usage: vaultcli login [options] [TOKEN | K=V...]

          Authenticates and stores the token in ~/.vault-token.

            vaultcli login                     prompts for a token
            vaultcli login -method=userpass username=alice      prompts for the password
            vaultcli login -method=approle role_id=... secret_id=...

          -method=token|userpass|approle   The auth method (default token).
          -path=P                          The auth mount (default: the method's name).
          -no-store                        Do not store the token (a warning says so).
          -token-only                      Print only the token; implies -no-store.
          -field=F                         Print only field F (for example token).
        """;

    public IReadOnlySet<string> ValueFlags { get; } = new HashSet<string> { "method", "path", "field" };

    public IReadOnlySet<string> BooleanFlags { get; } = new HashSet<string> { "no-store", "token-only" };

    public Task<int> RunAsync(CommandContext context, CancellationToken ct) => ApiCall.RunAsync(context, "authenticating", async () =>
    {
        var method = (context.Arguments.Get("method") ?? "token").Trim('/');
        if (!KnownMethods.Contains(method))
        {
            // As vault's: the CLI knows a fixed set of login helpers, whatever the server has enabled.
            throw new CliFailureException(
                $"Unknown auth method: {method}. Use \"vaultcli auth list\" to see the complete list of auth methods. " +
                "Additionally, some auth methods are only available via the HTTP API.");
        }

        var tokenOnly = context.Arguments.GetBool("token-only");
        var noStore = tokenOnly || context.Arguments.GetBool("no-store");
        var mount = (context.Arguments.Get("path") ?? method).Trim('/');
        SecretEnvelope envelope;
        string token;
        switch (method)
        {
            case "token":
                token = context.Arguments.Positional.Count > 0 ? context.Arguments.Positional[0] : context.Environment.ReadSecret("Token (will be hidden): ") ?? "";
                if (token.Length == 0)
                {
                    throw new CliUsageException("a token is required");
                }

                context.Client.Token = token;
                var lookup = await context.Client.ReadAsync("auth/token/lookup-self", ct).ConfigureAwait(false)
                    ?? throw new CliUsageException("the token could not be looked up");
                envelope = lookup with { Auth = JsonSerializer.SerializeToElement(AuthFromLookup(token, lookup.Data!.Value)) };
                break;
            case "userpass":
                var fields = KeyValueArguments.Parse(context.Arguments.Positional, context.Environment.ReadAllInput);
                var username = fields["username"]?.GetValue<string>() ?? throw new CliUsageException("username=... is required");
                fields.Remove("username");
                fields["password"] ??= context.Environment.ReadSecret("Password (will be hidden): ");
                envelope = await Login(context, $"auth/{mount}/login/{username}", fields.ToJsonString(), ct).ConfigureAwait(false);
                token = envelope.Auth!.Value.GetProperty("client_token").GetString()!;
                break;
            case "approle":
                envelope = await Login(context, $"auth/{mount}/login", KeyValueArguments.Parse(context.Arguments.Positional, context.Environment.ReadAllInput).ToJsonString(), ct).ConfigureAwait(false);
                token = envelope.Auth!.Value.GetProperty("client_token").GetString()!;
                break;
            default:
                throw new CliFailureException($"Unknown auth method: {method}");
        }

        if (!noStore)
        {
            TokenFile.Store(context, token);
        }
        else if (!tokenOnly)
        {
            await context.Error.WriteLineAsync(
                "WARNING! The token was not stored in token helper. Set the VAULT_TOKEN environment variable or pass the token below with each request to Vault.\n")
                .ConfigureAwait(false);
        }

        if (tokenOnly)
        {
            await context.Out.WriteLineAsync(token).ConfigureAwait(false);
            return 0;
        }

        if (!context.Structured)
        {
            await context.Out.WriteLineAsync("""
                Success! You are now authenticated. The token information displayed below
                is already stored in the token helper. You do NOT need to run "vaultcli login"
                again. Future requests will automatically use this token.

                """).ConfigureAwait(false);
        }

        EnvelopePrinter.Print(context, envelope with { Data = null, LeaseDuration = 0 }, context.Arguments.Get("field"));
        return 0;
    });

    private static readonly HashSet<string> KnownMethods = ["token", "userpass", "approle"];

    private static async Task<SecretEnvelope> Login(CommandContext context, string path, string body, CancellationToken ct) =>
        await context.Client.WriteAsync(path, body, ct: ct).ConfigureAwait(false) is { Auth.ValueKind: JsonValueKind.Object } envelope
            ? envelope
            : throw new CliUsageException("the server answered no token");

    private static Dictionary<string, object?> AuthFromLookup(string token, JsonElement data) => new()
    {
        ["client_token"] = token,
        ["accessor"] = data.GetProperty("accessor").GetString(),
        ["lease_duration"] = data.GetProperty("ttl").GetInt64(),
        ["renewable"] = data.GetProperty("renewable").GetBoolean(),
        ["token_policies"] = data.GetProperty("policies"),
        ["policies"] = data.GetProperty("policies"),
        ["metadata"] = data.TryGetProperty("meta", out var meta) ? meta : null,
    };
}
