namespace SecretVault.Core.Seal;

/// <summary>The cluster's name and id, stored behind the barrier at <c>core/cluster-info</c> at init.</summary>
public sealed record ClusterInfoEntry(string Name, string Id);
