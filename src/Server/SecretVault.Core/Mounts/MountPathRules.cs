using SecretVault.Sdk.Framework;
using SecretVault.Sdk.Logical;
using SecretVault.Storage.Abstractions;

namespace SecretVault.Core.Mounts;

/// <summary>Normalises mount paths and decides which ones may be used.</summary>
public static class MountPathRules
{
    // Paths the core owns in the secrets table; nothing may be mounted at or under them.
    private static readonly string[] ReservedSecretPrefixes = ["sys/", "auth/", "cubbyhole/", "audit/", "identity/"];

    /// <summary>The path with one trailing slash; 400 when it is empty or malformed.</summary>
    public static string Normalize(string path)
    {
        var trimmed = path.Trim('/');
        foreach (var segment in trimmed.Split('/'))
        {
            VisibleNames.Check("mount path", segment);
        }

        if (trimmed.Length == 0 || !StorageKey.IsValid(trimmed, allowTrailingSlash: false))
        {
            throw LogicalException.BadRequest("invalid mount path: it must be non-empty, without empty, '.' or '..' segments");
        }

        return trimmed + "/";
    }

    /// <summary>400 when <paramref name="path"/> is reserved or overlaps an existing mount of the same table.</summary>
    public static void CheckAvailable(BackendKind kind, string path, IEnumerable<MountEntry> existing)
    {
        if (kind == BackendKind.Secret && ReservedSecretPrefixes.Any(r => path.StartsWith(r, StringComparison.Ordinal) || r.StartsWith(path, StringComparison.Ordinal)))
        {
            throw LogicalException.BadRequest($"cannot mount \"{path}\": the path is reserved");
        }

        foreach (var mount in existing)
        {
            if (mount.Path == path)
            {
                throw LogicalException.BadRequest($"path is already in use at {path}");
            }

            if (path.StartsWith(mount.Path, StringComparison.Ordinal) || mount.Path.StartsWith(path, StringComparison.Ordinal))
            {
                throw LogicalException.BadRequest($"existing mount at {mount.Path}");
            }
        }
    }

    /// <summary>True for the mounts that can never be disabled, moved or mounted again.</summary>
    public static bool IsProtected(MountEntry mount) => mount.Type is MountTypes.System or MountTypes.Token or MountTypes.Cubbyhole;
}
