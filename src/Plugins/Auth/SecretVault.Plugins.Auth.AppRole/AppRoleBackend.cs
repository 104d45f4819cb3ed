using System.Globalization;
using SecretVault.Sdk.Concurrency;
using SecretVault.Sdk.Framework;
using SecretVault.Sdk.Logical;
using SecretVault.Sdk.Storage;

namespace SecretVault.Plugins.Auth.AppRole;

/// <summary>
/// The approle auth method: roles (<c>role/:name</c> and its single-field paths), role IDs, secret IDs
/// (generate, custom, list, lookup, destroy, by accessor), the unauthenticated <c>login</c> and
/// <c>tidy/secret-id</c>. A login hands the core an <see cref="AuthResult"/>; the core mints the token.
/// </summary>
public sealed class AppRoleBackend : FrameworkBackend
{
    /// <summary>Creates the backend for one mount; expiry is judged by <see cref="BackendContext.Time"/>.</summary>
    public AppRoleBackend(BackendContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        Time = context.Time;
    }

    // Claiming a role ID spans two roles' entries, so it is serialised mount-wide (role IDs change rarely).
    private readonly SemaphoreSlim _roleIdLock = new(1, 1);

    /// <inheritdoc />
    public override IReadOnlyList<string> UnauthenticatedPaths => ["login"];

    internal TimeProvider Time { get; }

    internal AppRoleStore Store { get; } = new();

    /// <summary>Serialises read-modify-write of one role.</summary>
    internal KeyedLock RoleLocks { get; } = new(64);

    /// <summary>Serialises read-modify-write of one secret ID, so a use count is spent exactly once.</summary>
    internal KeyedLock SecretIdLocks { get; } = new(256);

    /// <inheritdoc />
    protected override string BackendHelp =>
        "The approle auth method logs machines in with a role ID and a secret ID issued against a role.";

    /// <inheritdoc />
    protected override IReadOnlyList<PathDefinition> DefinePaths() => NormalizedNamePaths.Declare(
    [
        .. RolePaths.Create(this),
        .. RolePropertyPaths.Create(this),
        .. SecretIdPaths.Create(this),
        .. SecretIdLookupPaths.Create(this),
        .. LoginPaths.Create(this),
        .. TidyPaths.Create(this),
    ], "role_name", RoleNames.Canonical);

    /// <summary>
    /// Stores <paramref name="role"/>; when its role ID is new, claims the role ID index first (400 if another
    /// role holds it) and drops the old one after, so a crash never leaves a role without a working index.
    /// </summary>
    internal async Task SaveRoleAsync(IStorage storage, RoleEntry? existing, RoleEntry role, CancellationToken ct)
    {
        if (existing is not null && string.Equals(existing.RoleId, role.RoleId, StringComparison.Ordinal))
        {
            await Store.PutRoleAsync(storage, role, ct).ConfigureAwait(false);
            return;
        }

        await _roleIdLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            // An index left by a crash may name a role that no longer has this role ID; that one is free.
            if (await Store.GetRoleIdAsync(storage, role.RoleId, ct).ConfigureAwait(false) is { } owner
                && owner.Name != role.Name
                && (await Store.GetRoleAsync(storage, owner.Name, ct).ConfigureAwait(false))?.RoleId == role.RoleId)
            {
                throw LogicalException.BadRequest("role_id is already in use");
            }

            await Store.PutRoleIdAsync(storage, role.RoleId, role.Name, ct).ConfigureAwait(false);
            await Store.PutRoleAsync(storage, role, ct).ConfigureAwait(false);
            if (existing is not null)
            {
                await Store.DeleteRoleIdAsync(storage, existing.RoleId, ct).ConfigureAwait(false);
            }
        }
        finally
        {
            _roleIdLock.Release();
        }
    }

    /// <summary>The role named by the path, or 400 when there is none.</summary>
    internal async Task<RoleEntry> RequireRoleAsync(IStorage storage, FieldData data, CancellationToken ct)
    {
        var name = RoleNames.Normalize(data.GetString("role_name"));
        return await Store.GetRoleAsync(storage, name, ct).ConfigureAwait(false)
            ?? throw LogicalException.BadRequest($"role \"{name}\" does not exist");
    }

    /// <summary>RFC 3339 with up to nanosecond digits, as Go writes times; Vault's zero time for none.</summary>
    internal static string FormatTime(DateTimeOffset? time) =>
        time is { } value
            ? value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture)
            : "0001-01-01T00:00:00Z";
}
