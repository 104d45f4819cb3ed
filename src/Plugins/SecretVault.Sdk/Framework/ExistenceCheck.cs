using SecretVault.Sdk.Logical;

namespace SecretVault.Sdk.Framework;

/// <summary>Tells whether the target of a write exists, so the core can ask for create or update capability.</summary>
public delegate Task<bool> ExistenceCheck(LogicalRequest request, FieldData data, CancellationToken ct);
