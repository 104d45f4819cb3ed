using SecretVault.Core.Lockout;
using SecretVault.Core.Mounts;
using SecretVault.Sdk.Framework;
using SecretVault.Sdk.Logical;

namespace SecretVault.Core.System;

/// <summary>
/// <c>sys/locked-users</c>: the aliases user lockout holds now, per auth mount, in Vault's per-namespace shape
/// (there is one namespace, the root); and <c>sys/locked-users/:mount_accessor/unlock/:alias_identifier</c>.
/// Neither needs sudo, as in Vault.
/// </summary>
public sealed class LockedUsersPaths
{
    private readonly LockoutTracker _tracker;
    private readonly MountManager _mounts;
    private readonly VaultOptions _options;

    public LockedUsersPaths(LockoutTracker tracker, MountManager mounts, VaultOptions options)
    {
        _tracker = tracker;
        _mounts = mounts;
        _options = options;
    }

    /// <summary>The path definitions, relative to <c>sys/</c>.</summary>
    public IReadOnlyList<PathDefinition> Define() =>
    [
        new PathDefinition
        {
            Pattern = "locked-users/(?<mount_accessor>.+?)/unlock/(?<alias_identifier>.+)",
            Fields = new Dictionary<string, FieldSchema>(StringComparer.Ordinal)
            {
                ["mount_accessor"] = new(FieldType.String, "The accessor of the auth mount the alias belongs to."),
                ["alias_identifier"] = new(FieldType.String, "The alias: a userpass username or an approle role ID, as sys/locked-users lists it."),
            },
            Operations = new Dictionary<Operation, PathHandler> { [Operation.Update] = UnlockAsync },
            HelpSynopsis = "Unlock a user locked by user lockout.",
        },
        new PathDefinition
        {
            Pattern = "locked-users/?",
            Fields = new Dictionary<string, FieldSchema>(StringComparer.Ordinal)
            {
                ["mount_accessor"] = new(FieldType.String, "Only this auth mount's locked users."),
            },
            Operations = new Dictionary<Operation, PathHandler> { [Operation.Read] = ListAsync },
            HelpSynopsis = "List the users locked by user lockout.",
        },
    ];

    private async Task<LogicalResponse?> UnlockAsync(LogicalRequest request, FieldData data, CancellationToken ct)
    {
        await _tracker.UnlockAsync(data.GetString("mount_accessor"), data.GetString("alias_identifier"), ct).ConfigureAwait(false);
        return null;
    }

    private Task<LogicalResponse?> ListAsync(LogicalRequest request, FieldData data, CancellationToken ct)
    {
        var asked = data.GetString("mount_accessor");

        // A mount where lockout is off locks nobody, whatever was counted before it was turned off.
        var enforcing = _mounts.Snapshot.Table(BackendKind.Auth)
            .Where(m => LockoutPolicy.Of(m, _options.UserLockout) is not null)
            .Select(m => m.Accessor)
            .ToHashSet(StringComparer.Ordinal);
        var accessors = (asked.Length > 0 ? [asked] : enforcing.ToList())
            .Select(a => (Accessor: a, Aliases: enforcing.Contains(a) ? _tracker.LockedAliases(a) : []))
            .Where(m => asked.Length > 0 || m.Aliases.Count > 0)
            .OrderByDescending(m => m.Aliases.Count)
            .ThenBy(m => m.Accessor, StringComparer.Ordinal)
            .ToList();
        var total = accessors.Sum(m => m.Aliases.Count);
        var root = new Dictionary<string, object?>
        {
            ["namespace_id"] = "root",
            ["namespace_path"] = "",
            ["counts"] = total,
            ["mount_accessors"] = accessors.Select(m => new Dictionary<string, object?>
            {
                ["mount_accessor"] = m.Accessor,
                ["counts"] = m.Aliases.Count,
                ["alias_identifiers"] = m.Aliases,
            }).ToList(),
        };
        return Task.FromResult<LogicalResponse?>(LogicalResponse.WithData(new Dictionary<string, object?>
        {
            ["by_namespace"] = new[] { root },
            ["total"] = total,
        }));
    }
}
