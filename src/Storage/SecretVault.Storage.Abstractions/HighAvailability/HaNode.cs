namespace SecretVault.Storage.Abstractions.HighAvailability;

/// <summary>A server of the cluster as its heartbeat describes it (Vault's <c>sys/ha-status</c> node).</summary>
public sealed record HaNode(string NodeId, string Hostname, string ApiAddress, string ClusterAddress, string Version, DateTimeOffset LastEcho);
