using System.Collections.Concurrent;
using System.Text.Json;
using SecretVault.Core.Mounts;
using SecretVault.Sdk.Framework;
using SecretVault.Sdk.Logical;

namespace SecretVault.Core.System;

/// <summary>The <c>sys/mounts</c>, <c>sys/auth</c> and <c>sys/remount</c> endpoints.</summary>
public sealed class MountPaths
{
    private static readonly Dictionary<string, FieldSchema> EnableFields = new(StringComparer.Ordinal)
    {
        ["path"] = new(FieldType.String),
        ["type"] = new(FieldType.String),
        ["description"] = new(FieldType.String),
        ["config"] = new(FieldType.Raw),
        ["options"] = new(FieldType.StringMap),
        ["local"] = new(FieldType.Bool),
        ["seal_wrap"] = new(FieldType.Bool),
        ["external_entropy_access"] = new(FieldType.Bool),
        ["plugin_name"] = new(FieldType.String),
        ["plugin_version"] = new(FieldType.String),
    };

    private readonly MountManager _mounts;
    private readonly BackendCatalog _catalog;
    private readonly Leases.ExpirationManager _expiration;
    private readonly VaultOptions _options;
    private readonly ConcurrentDictionary<string, Dictionary<string, object?>> _migrations = new(StringComparer.Ordinal);

    public MountPaths(MountManager mounts, BackendCatalog catalog, Leases.ExpirationManager expiration, VaultOptions options)
    {
        _expiration = expiration;
        _mounts = mounts;
        _catalog = catalog;
        _options = options;
    }

    /// <summary>The path definitions, relative to <c>sys/</c>.</summary>
    public IReadOnlyList<PathDefinition> Define() =>
    [
        Table("mounts", BackendKind.Secret),
        Table("auth", BackendKind.Auth),
        Tune("mounts/auth", BackendKind.Auth),
        Tune("mounts", BackendKind.Secret),
        Tune("auth", BackendKind.Auth),
        Single("mounts", BackendKind.Secret),
        Single("auth", BackendKind.Auth),
        new PathDefinition
        {
            Pattern = "remount",
            Fields = new Dictionary<string, FieldSchema> { ["from"] = new(FieldType.String) { Required = true }, ["to"] = new(FieldType.String) { Required = true } },
            Operations = new Dictionary<Operation, PathHandler> { [Operation.Update] = RemountAsync },
            HelpSynopsis = "Move a mount to a new path.",
        },
        new PathDefinition
        {
            Pattern = "remount/status/(?<migration_id>[^/]+)",
            Fields = new Dictionary<string, FieldSchema> { ["migration_id"] = new(FieldType.String) },
            Operations = new Dictionary<Operation, PathHandler> { [Operation.Read] = RemountStatusAsync },
            HelpSynopsis = "The status of a mount move.",
        },
    ];

    private PathDefinition Table(string prefix, BackendKind kind) => new()
    {
        Pattern = prefix + "/?",
        Operations = new Dictionary<Operation, PathHandler>
        {
            [Operation.Read] = (request, data, ct) => Task.FromResult<LogicalResponse?>(new LogicalResponse
            {
                Data = _mounts.Snapshot.Table(kind).ToDictionary(m => m.Path, m => (object?)MountInfo.Describe(m)),
                DuplicateDataAtTopLevel = true,
            }),
        },
        HelpSynopsis = kind == BackendKind.Auth ? "List the enabled auth methods." : "List the mounted secrets engines.",
    };

    private PathDefinition Single(string prefix, BackendKind kind) => new()
    {
        Pattern = prefix + "/(?<path>.+)",
        Fields = EnableFields,
        ExistenceCheck = (request, data, ct) => Task.FromResult(_mounts.Snapshot.Find(kind, MountPathRules.Normalize(data.GetString("path"))) is not null),
        Operations = new Dictionary<Operation, PathHandler>
        {
            [Operation.Read] = (request, data, ct) => Task.FromResult<LogicalResponse?>(new LogicalResponse
            {
                Data = MountInfo.Describe(Find(kind, data.GetString("path"))),
                DuplicateDataAtTopLevel = true,
            }),
            [Operation.Update] = (request, data, ct) => EnableAsync(kind, request, data, ct),
            [Operation.Delete] = async (request, data, ct) =>
            {
                // As Vault: every lease of the mount is revoked first, and a failed revocation keeps the mount; but only
                // once the mount is known to be one that may go, so a refused unmount revokes nothing.
                if (_mounts.CheckUnmount(kind, data.GetString("path")) is not { } mount)
                {
                    return null;
                }

                await _expiration.RevokePrefixAsync(mount.RoutePath, force: false, ct).ConfigureAwait(false);
                await _mounts.UnmountAsync(kind, data.GetString("path"), ct).ConfigureAwait(false);
                if (kind == BackendKind.Auth)
                {
                    // Logins that were running during the first pass may have minted tokens since; the route is gone now,
                    // so a second pass finds every one of them (tokens need no backend to be revoked).
                    await _expiration.RevokePrefixAsync(mount.RoutePath, force: false, ct).ConfigureAwait(false);
                }

                return null;
            },
        },
        HelpSynopsis = kind == BackendKind.Auth ? "Enable, read or disable an auth method." : "Enable, read or disable a secrets engine.",
    };

    private PathDefinition Tune(string prefix, BackendKind kind) => new()
    {
        Pattern = prefix + "/(?<path>.+)/tune",
        Fields = MountConfigParser.Keys.ToDictionary(k => k, _ => new FieldSchema(FieldType.Raw), StringComparer.Ordinal)
            .Concat(new Dictionary<string, FieldSchema> { ["path"] = new(FieldType.String), ["description"] = new(FieldType.String), ["options"] = new(FieldType.StringMap) })
            .ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal),
        Operations = new Dictionary<Operation, PathHandler>
        {
            [Operation.Read] = (request, data, ct) => Task.FromResult<LogicalResponse?>(new LogicalResponse
            {
                Data = MountInfo.Tune(Find(kind, data.GetString("path")), _options.DefaultLeaseTtl, _options.MaxLeaseTtl),
                DuplicateDataAtTopLevel = true,
            }),
            [Operation.Update] = async (request, data, ct) =>
            {
                await _mounts.UpdateAsync(kind, data.GetString("path"), mount => mount with
                {
                    Description = data.Has("description") ? data.GetString("description") : mount.Description,
                    Config = MountTtlRules.CheckTune(mount.Config, MountConfigParser.Apply(mount.Config, request.Data, kind, mount.Type)),
                    Options = data.Has("options") ? MergeOptions(mount, data.GetStringMap("options")) : mount.Options,
                }, ct).ConfigureAwait(false);
                return null;
            },
        },
        HelpSynopsis = "Read or change a mount's tunables.",
    };

    private async Task<LogicalResponse?> EnableAsync(BackendKind kind, LogicalRequest request, FieldData data, CancellationToken ct)
    {
        var configData = data.GetRaw("config") switch
        {
            null => new Dictionary<string, JsonElement>(),
            { ValueKind: JsonValueKind.Object } config => config.EnumerateObject().ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal),
            _ => throw LogicalException.BadRequest("invalid value for field \"config\": expected an object"),
        };
        var type = data.GetString("type");
        type = type.Length > 0 ? type : data.GetString("plugin_name");
        await _mounts.MountAsync(new MountRequest
        {
            Kind = kind,
            Path = data.GetString("path"),
            Type = type,
            Description = data.GetString("description"),
            Config = MountTtlRules.CheckEnable(MountConfigParser.Apply(new MountConfigEntry(), configData, kind, type), _options.MaxLeaseTtl),
            Options = data.Has("options") ? data.GetStringMap("options") : null,
            Local = data.GetBool("local"),
            SealWrap = data.GetBool("seal_wrap"),
        }, ct).ConfigureAwait(false);
        return null;
    }

    private async Task<LogicalResponse?> RemountAsync(LogicalRequest request, FieldData data, CancellationToken ct)
    {
        var from = data.GetString("from");
        var to = data.GetString("to");

        // As Vault: the source's leases (and, for an auth mount, the tokens its logins issued) are revoked before
        // the move, so none is left naming a path that no longer routes; a failed revocation keeps the mount.
        var source = _mounts.CheckRemount(from, to);
        await _expiration.RevokePrefixAsync(source.RoutePath, force: false, ct).ConfigureAwait(false);
        await _mounts.RemountAsync(from, to, ct).ConfigureAwait(false);
        var id = Guid.NewGuid().ToString();
        _migrations[id] = new Dictionary<string, object?>
        {
            ["migration_id"] = id,
            ["migration_info"] = new Dictionary<string, object?> { ["source_mount"] = from, ["target_mount"] = to, ["status"] = "success" },
        };
        return new LogicalResponse { Data = new Dictionary<string, object?> { ["migration_id"] = id }, DuplicateDataAtTopLevel = true };
    }

    private Task<LogicalResponse?> RemountStatusAsync(LogicalRequest request, FieldData data, CancellationToken ct) =>
        Task.FromResult(_migrations.TryGetValue(data.GetString("migration_id"), out var status) ? LogicalResponse.WithData(status) : null);

    private MountEntry Find(BackendKind kind, string path) =>
        _mounts.Snapshot.Find(kind, MountPathRules.Normalize(path)) ?? throw LogicalException.BadRequest($"no mount found at \"{MountPathRules.Normalize(path)}\"");

    private IReadOnlyDictionary<string, string>? MergeOptions(MountEntry mount, IReadOnlyDictionary<string, string> changes)
    {
        var merged = new Dictionary<string, string>(mount.Options ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        foreach (var (key, value) in changes)
        {
            merged[key] = value;
        }

        return _catalog.CheckTune(mount, merged);
    }
}
