namespace SecretVault.Core.Mounts;

/// <summary>A mount's running backend and the storage it is served with; the storage outlives a tune or a move.</summary>
public sealed record MountedBackend(LoadedBackend Backend, MountStorage Storage);
