using System.Globalization;
using SecretVault.Sdk.Framework;
using SecretVault.Sdk.Logical;
using SecretVault.Sdk.Storage;

namespace SecretVault.Plugins.Auth.AppRole;

/// <summary>
/// <c>tidy/secret-id</c>: deletes expired secret IDs, accessors whose secret ID is gone, and everything
/// filed under roles that no longer exist. Runs to completion before answering (Vault answers 202 and
/// works in the background; the status and warning keep Vault's shape).
/// </summary>
internal sealed class TidyPaths
{
    private readonly AppRoleBackend _backend;

    // One tidy at a time per mount; a second request is told so rather than queued.
    private readonly SemaphoreSlim _running = new(1, 1);

    private TidyPaths(AppRoleBackend backend)
    {
        _backend = backend;
    }

    public static PathDefinition[] Create(AppRoleBackend backend)
    {
        var paths = new TidyPaths(backend);
        return
        [
            new PathDefinition
            {
                Pattern = "tidy/secret-id",
                Operations = new Dictionary<Operation, PathHandler> { [Operation.Update] = paths.TidyAsync },
                HelpSynopsis = "Delete expired secret IDs and dangling secret ID entries.",
            },
        ];
    }

    private async Task<LogicalResponse?> TidyAsync(LogicalRequest request, FieldData data, CancellationToken ct)
    {
        if (!await _running.WaitAsync(0, ct).ConfigureAwait(false))
        {
            return LogicalResponse.Warning("Tidy operation already in progress.", 202);
        }

        int removed;
        try
        {
            removed = await TidyAsync(request.RequiredStorage, ct).ConfigureAwait(false);
        }
        finally
        {
            _running.Release();
        }

        return LogicalResponse.Warning(string.Create(CultureInfo.InvariantCulture, $"Tidy operation completed: {removed} expired or dangling secret ID entries removed."), 202);
    }

    private async Task<int> TidyAsync(IStorage storage, CancellationToken ct)
    {
        var store = _backend.Store;
        var liveRoles = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in await store.ListRolesAsync(storage, ct).ConfigureAwait(false))
        {
            if (await store.GetRoleAsync(storage, name, ct).ConfigureAwait(false) is { } role)
            {
                liveRoles.Add(role.Id);
            }
        }

        var removed = 0;
        var now = _backend.Time.GetUtcNow();
        foreach (var roleId in await store.ListFilingRoleIdsAsync(storage, ct).ConfigureAwait(false))
        {
            if (!liveRoles.Contains(roleId))
            {
                removed += (await store.ListSecretIdsAsync(storage, roleId, ct).ConfigureAwait(false)).Count;
                await RolePaths.DeleteSecretIdsAsync(_backend, storage, roleId, ct).ConfigureAwait(false);
                continue;
            }

            foreach (var hmac in await store.ListSecretIdsAsync(storage, roleId, ct).ConfigureAwait(false))
            {
                using var secretLock = await _backend.SecretIdLocks.AcquireAsync(hmac, ct).ConfigureAwait(false);
                if (await store.GetSecretIdAsync(storage, roleId, hmac, ct).ConfigureAwait(false) is { } entry && entry.IsExpired(now))
                {
                    await store.DeleteSecretIdAsync(storage, entry, ct).ConfigureAwait(false);
                    removed++;
                }
            }

            foreach (var accessor in await store.ListAccessorsAsync(storage, roleId, ct).ConfigureAwait(false))
            {
                if (await store.GetAccessorAsync(storage, roleId, accessor, ct).ConfigureAwait(false) is not { } index)
                {
                    continue;
                }

                // Issuing writes the accessor just before its secret ID, under this lock: wait for it.
                using var secretLock = await _backend.SecretIdLocks.AcquireAsync(index.SecretIdHmac, ct).ConfigureAwait(false);
                if (await store.GetSecretIdAsync(storage, roleId, index.SecretIdHmac, ct).ConfigureAwait(false) is null)
                {
                    await store.DeleteAccessorAsync(storage, roleId, accessor, ct).ConfigureAwait(false);
                    removed++;
                }
            }
        }

        return removed;
    }
}
