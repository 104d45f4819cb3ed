namespace SecretVault.Core.Policies;

/// <summary>Capability names as written in policies and answered by <c>sys/capabilities</c>.</summary>
public static class CapabilityNames
{
    private static readonly (string Name, Capability Value)[] All =
    [
        ("create", Capability.Create), ("delete", Capability.Delete), ("deny", Capability.Deny), ("list", Capability.List),
        ("patch", Capability.Patch), ("read", Capability.Read), ("sudo", Capability.Sudo), ("update", Capability.Update),
    ];

    /// <summary>The capability named <paramref name="name"/>, or null for an unknown name.</summary>
    public static Capability? Parse(string name) => All.FirstOrDefault(c => c.Name == name) is { Name: not null } found ? found.Value : null;

    /// <summary>The names of <paramref name="capabilities"/>, sorted; deny alone when denied.</summary>
    public static IReadOnlyList<string> Names(Capability capabilities) =>
        capabilities.HasFlag(Capability.Deny) || capabilities == Capability.None
            ? ["deny"]
            : [.. All.Where(c => c.Value != Capability.Deny && capabilities.HasFlag(c.Value)).Select(c => c.Name)];
}
