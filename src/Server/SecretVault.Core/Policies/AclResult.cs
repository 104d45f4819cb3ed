namespace SecretVault.Core.Policies;

/// <summary>The ACL's answer for one request.</summary>
public sealed record AclResult(bool Allowed, Capability Capabilities, bool IsRoot)
{
    /// <summary>The winning rule grants sudo (or the token is root).</summary>
    public bool RootPrivileges => IsRoot || Capabilities.HasFlag(Capability.Sudo);

    /// <summary>The bounds a response-wrapping TTL must respect on this path; zero for none.</summary>
    public TimeSpan MinWrappingTtl { get; init; }

    public TimeSpan MaxWrappingTtl { get; init; }

    public static AclResult Denied { get; } = new(false, Capability.None, false);
}
