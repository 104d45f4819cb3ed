using System.Text.Json;
using SecretVault.Cli.Parsing;
using SecretVault.Client;

namespace SecretVault.Cli.Commands.Kv;

/// <summary>
/// Where a <c>kv</c> command's path lives: the mount, its KV version and the key inside it, found as the
/// vault CLI finds them (<c>sys/internal/ui/mounts/&lt;path&gt;</c>; a 404 there means an old server and KV v1).
/// </summary>
public sealed record KvTarget(string Mount, int Version, string Key)
{
    /// <summary>Resolves the PATH argument, or <c>-mount</c> plus a key relative to it.</summary>
    public static async Task<KvTarget> ResolveAsync(CommandContext context, CancellationToken ct)
    {
        var argument = ApiCall.RequiredArgument(context, "PATH").Trim('/');
        var mountFlag = context.Arguments.Get("mount")?.Trim('/');
        var probe = mountFlag is null ? argument : mountFlag + "/" + argument;
        JsonElement? data;
        try
        {
            data = (await context.Client.ReadAsync("sys/internal/ui/mounts/" + probe, ct).ConfigureAwait(false))?.Data;
        }
        catch (VaultApiException ex) when (ex.StatusCode == 404)
        {
            data = null;
        }

        if (data is not { ValueKind: JsonValueKind.Object } mount || !mount.TryGetProperty("path", out var pathElement))
        {
            return mountFlag is null ? new KvTarget("", 1, argument) : new KvTarget(mountFlag + "/", 1, argument);
        }

        var mountPath = pathElement.GetString() ?? "";
        var version = mount.TryGetProperty("options", out var options) && options.ValueKind == JsonValueKind.Object
            && options.TryGetProperty("version", out var v) && v.GetString() == "2" ? 2 : 1;
        var key = probe.Length >= mountPath.Length ? probe[mountPath.Length..] : "";
        return new KvTarget(mountPath, version, key);
    }

    public bool IsV2 => Version == 2;

    /// <summary>Where the secret's data is read and written: <c>mount/data/key</c> on v2, the plain path on v1.</summary>
    public string DataPath => IsV2 ? Mount + "data/" + Key : Mount + Key;

    /// <summary><c>mount/metadata/key</c> (v2 only).</summary>
    public string MetadataPath => RequireV2("metadata") + "metadata/" + Key;

    /// <summary><c>mount/{delete|undelete|destroy}/key</c> (v2 only).</summary>
    public string ActionPath(string action) => RequireV2(action) + action + "/" + Key;

    /// <summary>Refuses a v2-only command on a v1 mount, as the vault CLI does.</summary>
    public string RequireV2(string what) =>
        IsV2 ? Mount : throw new CliUsageException($"{what} is not supported on KV version 1 (mount \"{Mount}\"); enable versioning with \"vaultcli kv enable-versioning\"");
}
