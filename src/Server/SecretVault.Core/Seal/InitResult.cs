namespace SecretVault.Core.Seal;

/// <summary>What init hands the operator once: the unseal key shares and the initial root token.</summary>
public sealed record InitResult(IReadOnlyList<byte[]> Keys, string RootToken);
