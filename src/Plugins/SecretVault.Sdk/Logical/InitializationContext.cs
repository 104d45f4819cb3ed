using SecretVault.Sdk.Storage;

namespace SecretVault.Sdk.Logical;

/// <summary>What <see cref="ILogicalBackend.InitializeAsync"/> receives.</summary>
public sealed record InitializationContext
{
    /// <summary>The mount's storage, the same view its requests carry.</summary>
    public required IStorage Storage { get; init; }
}
