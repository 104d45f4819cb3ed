namespace SecretVault.Core.Policies;

/// <summary>A parsed ACL policy: its name, the text as written, and its rules.</summary>
public sealed record Policy(string Name, string Raw, IReadOnlyList<PathRule> Rules)
{
    public bool Equals(Policy? other) => other is not null && Name == other.Name && Raw == other.Raw && Rules.SequenceEqual(other.Rules);

    public override int GetHashCode() => HashCode.Combine(Name, Raw);
}
