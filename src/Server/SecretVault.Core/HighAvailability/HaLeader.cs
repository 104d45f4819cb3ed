namespace SecretVault.Core.HighAvailability;

/// <summary>The active server: whether it is this one, its <c>api_addr</c> and <c>cluster_addr</c>.</summary>
public sealed record HaLeader(bool IsSelf, string NodeId, string ApiAddress, string ClusterAddress);
