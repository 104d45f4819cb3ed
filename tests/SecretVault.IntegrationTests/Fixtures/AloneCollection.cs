namespace SecretVault.IntegrationTests.Fixtures;

/// <summary>Tests that measure the process (memory, time) run in this collection, with no other test at the same time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AloneCollection
{
    public const string Name = "alone";
}
