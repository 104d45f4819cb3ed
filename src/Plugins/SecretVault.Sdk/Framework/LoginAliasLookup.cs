using SecretVault.Sdk.Logical;

namespace SecretVault.Sdk.Framework;

/// <summary>The alias a login request claims, normalised as the login normalises it, or null when it names none.</summary>
public delegate string? LoginAliasLookup(LogicalRequest request, FieldData data);
