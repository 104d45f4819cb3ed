using System.Text.Json.Nodes;

namespace SecretVault.Cli.Commands.Token;

/// <summary><c>vaultcli token create [-policy=P ...] [-ttl=..] [-orphan] [-role=R] ...</c>.</summary>
public sealed class TokenCreateCommand : ICommand
{
    public string Name => "token create";

    public string Synopsis => "Create a new token";

    public string Help => """
        Usage: vaultcli token create [options]

          -policy=P (repeatable or comma-separated)  -ttl=DUR  -explicit-max-ttl=DUR  -period=DUR
          -use-limit=N  -display-name=NAME  -role=ROLE  -type=service|batch  -metadata=K=V (repeatable)
          -orphan  -no-default-policy  -renewable=false  -id=ID  -field=NAME  -format=table|json
        """;

    public IReadOnlySet<string> ValueFlags { get; } = new HashSet<string>
    {
        "policy", "ttl", "explicit-max-ttl", "period", "use-limit", "display-name", "role", "type", "metadata", "renewable", "id", "field",
    };

    public IReadOnlySet<string> BooleanFlags { get; } = new HashSet<string> { "orphan", "no-default-policy" };

    public Task<int> RunAsync(CommandContext context, CancellationToken ct) => ApiCall.RunAsync(context, "creating token", async () =>
    {
        var args = context.Arguments;
        var body = new JsonObject();
        if (args.GetAll("policy") is { Count: > 0 } policies)
        {
            body["policies"] = new JsonArray([.. policies.Select(p => (JsonNode)p)]);
        }

        foreach (var (flag, field) in new[] { ("ttl", "ttl"), ("explicit-max-ttl", "explicit_max_ttl"), ("period", "period"), ("display-name", "display_name"), ("type", "type"), ("id", "id") })
        {
            if (args.Get(flag) is { } value)
            {
                body[field] = value;
            }
        }

        if (args.Has("use-limit"))
        {
            body["num_uses"] = args.GetInt("use-limit", 0);
        }

        if (args.Get("renewable") is { } renewable)
        {
            body["renewable"] = renewable is "true" or "1";
        }

        if (args.GetAll("metadata") is { Count: > 0 } metadata)
        {
            body["meta"] = new JsonObject(metadata.Select(m => m.Split('=', 2)).Select(kv => new KeyValuePair<string, JsonNode?>(kv[0], kv.Length > 1 ? kv[1] : "")));
        }

        body["no_default_policy"] = args.GetBool("no-default-policy");
        var path = args.Get("role") is { } role ? $"auth/token/create/{role}" : args.GetBool("orphan") ? "auth/token/create-orphan" : "auth/token/create";
        var envelope = await context.Client.WriteAsync(path, body.ToJsonString(), ct: ct).ConfigureAwait(false);
        Output.EnvelopePrinter.Print(context, envelope, args.Get("field"));
        return 0;
    });
}
