using System.Collections.Concurrent;
using SecretVault.Sdk.Logical;

namespace SecretVault.Testing.Plugins.Lifecycle;

/// <summary>Makes <c>secrets enable lifecycle-test</c> available in a test host, and keeps every backend it made.</summary>
public sealed class LifecycleProbeBackendFactory : ILogicalBackendFactory
{
    public const string TypeName = "lifecycle-test";

    private readonly ConcurrentQueue<LifecycleProbeBackend> _created = new();

    public string Type => TypeName;

    public BackendKind Kind => BackendKind.Secret;

    /// <summary>Every backend made so far, oldest first.</summary>
    public IReadOnlyList<LifecycleProbeBackend> Created => [.. _created];

    /// <summary>The backends made for <paramref name="mountPoint"/> (ending in '/'), oldest first.</summary>
    public IReadOnlyList<LifecycleProbeBackend> CreatedFor(string mountPoint) => [.. _created.Where(b => b.Context.MountPoint == mountPoint)];

    public ILogicalBackend Create(BackendContext context)
    {
        var backend = new LifecycleProbeBackend(context);
        _created.Enqueue(backend);
        return backend;
    }
}
