using SecretVault.Sdk.Logical;

namespace SecretVault.Core.Mounts;

/// <summary>
/// Stands in for a plugin whose factory failed at unseal (a type no longer registered, options it refuses): its
/// initialize step fails with the factory's error, so the mount is a failed load like any other.
/// </summary>
internal sealed class UncreatedPlugin : ILogicalBackend
{
    private readonly Exception _error;

    public UncreatedPlugin(Exception error)
    {
        _error = error;
    }

    public IReadOnlyList<string> UnauthenticatedPaths => [];

    public IReadOnlyList<string> RootPaths => [];

    public Task InitializeAsync(InitializationContext context, CancellationToken ct) => Task.FromException(_error);

    // LoadedBackend lets nothing through after a failed initialize step.
    public Task<LogicalResponse?> HandleRequestAsync(LogicalRequest request, CancellationToken ct = default) =>
        throw new InvalidOperationException("the plugin was never created");

    public Task<ExistenceCheckResult> ExistenceCheckAsync(LogicalRequest request, CancellationToken ct = default) =>
        throw new InvalidOperationException("the plugin was never created");
}
