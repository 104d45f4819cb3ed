namespace SecretVault.Core.Mounts;

/// <summary>
/// Type names the core itself knows: the backends built into it, which cannot be mounted by users, and Vault's
/// mount aliases.
/// </summary>
public static class MountTypes
{
    public const string System = "system";

    public const string Token = "token";

    public const string Cubbyhole = "cubbyhole";

    public const string Kv = "kv";

    /// <summary>Vault's old name of <c>kv</c>; a mount keeps it as its type, and a <c>kv</c> (version 1) backend serves it.</summary>
    public const string Generic = "generic";

    /// <summary>The plugin type that serves a mount of <paramref name="type"/>, aliases resolved.</summary>
    public static string PluginOf(string type) => type == Generic ? Kv : type;
}
