using System.Text.Json.Nodes;
using SecretVault.Client.Models;

namespace SecretVault.Cli.Commands.Kv;

/// <summary>Writes a new version of a secret and prints the result as <c>kv put</c>, <c>kv patch</c> and <c>kv rollback</c> do.</summary>
internal static class KvWriter
{
    /// <summary>The body of a KV v2 write: <c>{"data":{...},"options":{"cas":N}}</c>.</summary>
    public static string V2Body(JsonNode data, int? cas)
    {
        var options = new JsonObject();
        if (cas is { } value)
        {
            options["cas"] = value;
        }

        return new JsonObject { ["data"] = data.DeepClone(), ["options"] = options }.ToJsonString();
    }

    /// <summary>Prints the answer to a v2 write: the path, then the new version's metadata.</summary>
    public static int PrintVersion(CommandContext context, KvTarget target, SecretEnvelope? envelope)
    {
        if (envelope is null)
        {
            context.Out.WriteLine($"Success! Data written to: {target.DataPath}");
            return 0;
        }

        if (context.Structured)
        {
            KvPrinter.Json(context, envelope);
            return 0;
        }

        KvPrinter.SecretPath(context, target.DataPath);
        KvPrinter.Heading(context, "Metadata");
        KvPrinter.Table(context, envelope.Data ?? default);
        KvPrinter.Warnings(context, envelope);
        return 0;
    }

    /// <summary>The <c>-cas</c> flag, if given.</summary>
    public static int? Cas(CommandContext context) =>
        context.Arguments.Has("cas") ? context.Arguments.GetInt("cas", 0) : null;
}
