namespace SecretVault.Storage.Abstractions.HighAvailability;

/// <summary>What a server reads of the lock: whether it is held, and the holder's advertised value.</summary>
public sealed record HaLockState(bool Held, string? Value);
