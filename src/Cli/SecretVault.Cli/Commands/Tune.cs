using System.Text.Json.Nodes;

namespace SecretVault.Cli.Commands;

/// <summary>The body of a tune request from the common mount flags.</summary>
public static class Tune
{
    public static JsonObject Body(CommandContext context)
    {
        var body = MountFlags.Config(context);
        if (context.Arguments.Get("description") is { } description)
        {
            body["description"] = description;
        }

        if (context.Arguments.Get("version") is { } version)
        {
            body["options"] = new JsonObject { ["version"] = version };
        }

        return body;
    }
}
