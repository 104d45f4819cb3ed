using System.Text.Json.Nodes;

namespace SecretVault.Cli.Commands;

/// <summary>The tuning flags shared by <c>secrets enable|tune</c> and <c>auth enable|tune</c>.</summary>
public static class MountFlags
{
    public static readonly string[] Names =
    [
        "description", "default-lease-ttl", "max-lease-ttl", "audit-non-hmac-request-keys", "audit-non-hmac-response-keys",
        "listing-visibility", "passthrough-request-headers", "allowed-response-headers", "path", "version", "token-type", "plugin-name",
    ];

    /// <summary>The tunables given as flags, in the API's field names.</summary>
    public static JsonObject Config(CommandContext context)
    {
        var config = new JsonObject();
        foreach (var flag in new[] { "default-lease-ttl", "max-lease-ttl", "listing-visibility", "token-type" })
        {
            if (context.Arguments.Get(flag) is { } value)
            {
                config[flag.Replace('-', '_')] = value;
            }
        }

        foreach (var flag in new[] { "audit-non-hmac-request-keys", "audit-non-hmac-response-keys", "passthrough-request-headers", "allowed-response-headers" })
        {
            if (context.Arguments.Get(flag) is { } value)
            {
                config[flag.Replace('-', '_')] = new JsonArray([.. value.Split(',').Select(v => (JsonNode)v.Trim())]);
            }
        }

        return config;
    }
}
