namespace SecretVault.Core.Barrier;

/// <summary>What <c>sys/key-status</c> reports about the active key term.</summary>
public sealed record KeyTermStatus(uint Term, DateTimeOffset InstallTime, long Encryptions);
