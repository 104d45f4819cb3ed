namespace SecretVault.Core.Mounts;

/// <summary>
/// Type names the core itself knows: the backends built into it, which cannot be mounted by users. An engine's own
/// names (KV's <c>kv-v2</c>, <c>generic</c>) are declared by its factory (<see cref="Sdk.Logical.ILogicalBackendFactory.Aliases"/>).
/// </summary>
public static class MountTypes
{
    public const string System = "system";

    public const string Token = "token";

    public const string Cubbyhole = "cubbyhole";
}
