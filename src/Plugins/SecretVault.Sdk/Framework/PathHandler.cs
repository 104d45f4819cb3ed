using SecretVault.Sdk.Logical;

namespace SecretVault.Sdk.Framework;

/// <summary>Handles one operation on one path of a <see cref="FrameworkBackend"/>.</summary>
public delegate Task<LogicalResponse?> PathHandler(LogicalRequest request, FieldData data, CancellationToken ct);
