namespace SecretVault.Sdk.Logical;

/// <summary>Whether a backend checked existence for a write, and what it found: decides create versus update.</summary>
public readonly record struct ExistenceCheckResult(bool Checked, bool Exists)
{
    /// <summary>The path has no existence check: a write is an update.</summary>
    public static ExistenceCheckResult NotChecked => new(false, false);
}
