namespace SecretVault.Server.Configuration;

/// <summary>The storage block: one backend type and its settings, as strings.</summary>
public sealed record StorageConfig(string Type, IReadOnlyDictionary<string, string> Settings);
