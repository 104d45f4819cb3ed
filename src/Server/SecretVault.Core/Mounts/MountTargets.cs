using SecretVault.Sdk.Logical;

namespace SecretVault.Core.Mounts;

/// <summary>Finds the mount a disable or a move acts on, and checks the move, against one snapshot of the tables.</summary>
public static class MountTargets
{
    /// <summary>The mount at <paramref name="path"/> that may be disabled; 400 when there is none or it is built in.</summary>
    public static MountEntry ForUnmount(MountTableSnapshot current, BackendKind kind, string path)
    {
        path = MountPathRules.Normalize(path);
        var entry = current.Find(kind, path) ?? throw LogicalException.BadRequest($"no matching mount at \"{path}\"");
        return MountPathRules.IsProtected(entry) ? throw LogicalException.BadRequest($"cannot unmount \"{path}\"") : entry;
    }

    /// <summary>The table, the mount and the new path of a move from <paramref name="from"/> to <paramref name="to"/> (API paths, <c>auth/</c> included).</summary>
    public static (BackendKind Kind, MountEntry Entry, string ToPath) ForRemount(MountTableSnapshot current, string from, string to)
    {
        var kind = from.StartsWith("auth/", StringComparison.Ordinal) ? BackendKind.Auth : BackendKind.Secret;
        if (kind == BackendKind.Auth != to.StartsWith("auth/", StringComparison.Ordinal))
        {
            throw LogicalException.BadRequest("cannot move a mount between the secrets and auth tables");
        }

        var fromPath = MountPathRules.Normalize(kind == BackendKind.Auth ? from["auth/".Length..] : from);
        var toPath = MountPathRules.Normalize(kind == BackendKind.Auth ? to["auth/".Length..] : to);
        var entry = current.Find(kind, fromPath) ?? throw LogicalException.BadRequest($"no matching mount at \"{fromPath}\"");
        if (MountPathRules.IsProtected(entry))
        {
            throw LogicalException.BadRequest($"cannot remount \"{fromPath}\"");
        }

        MountPathRules.CheckAvailable(kind, toPath, current.Table(kind).Where(m => m.Uuid != entry.Uuid));
        return (kind, entry, toPath);
    }
}
