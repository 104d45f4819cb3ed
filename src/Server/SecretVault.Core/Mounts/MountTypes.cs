namespace SecretVault.Core.Mounts;

/// <summary>Type names of the backends built into the core, which cannot be mounted by users.</summary>
public static class MountTypes
{
    public const string System = "system";

    public const string Token = "token";

    public const string Cubbyhole = "cubbyhole";
}
