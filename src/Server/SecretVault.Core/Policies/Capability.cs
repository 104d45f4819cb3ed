namespace SecretVault.Core.Policies;

/// <summary>The capabilities a policy rule grants on a path.</summary>
[Flags]
public enum Capability
{
    None = 0,
    Deny = 1,
    Create = 2,
    Read = 4,
    Update = 8,
    Patch = 16,
    Delete = 32,
    List = 64,
    Sudo = 128,
}
