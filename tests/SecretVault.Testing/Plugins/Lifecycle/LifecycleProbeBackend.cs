using System.Text;
using SecretVault.Sdk.Framework;
using SecretVault.Sdk.Logical;

namespace SecretVault.Testing.Plugins.Lifecycle;

/// <summary>
/// A test-only secrets engine (type <c>lifecycle-test</c>) that records its lifecycle. Mount options:
/// <c>fail_initialize=true</c> makes its initialize step throw an exception whose message holds
/// <see cref="SecretInFailure"/>; <c>hold_initialize=true</c> holds the step until <see cref="ReleaseInitialize"/>.
/// <c>GET state</c> answers what it was given and what it saw: initialize calls, requests that arrived before the
/// step finished, whether the step's storage write is visible, and its TTLs as read now.
/// </summary>
public sealed class LifecycleProbeBackend : FrameworkBackend
{
    /// <summary>Stands for a password in a connection string: it must never reach a client.</summary>
    public const string SecretInFailure = "password=hunter2-do-not-echo";

    private const string MarkerKey = "initialized-marker";

    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _unloaded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _initializeCalls;
    private int _initializeFinished;
    private int _requestsBeforeInitialized;
    private int _unloadCalls;

    public LifecycleProbeBackend(BackendContext context)
    {
        Context = context;
        if (!IsSet("hold_initialize"))
        {
            _release.SetResult();
        }
    }

    /// <summary>What the core gave this backend.</summary>
    public BackendContext Context { get; }

    public int InitializeCalls => Volatile.Read(ref _initializeCalls);

    public int RequestsBeforeInitialized => Volatile.Read(ref _requestsBeforeInitialized);

    public int UnloadCalls => Volatile.Read(ref _unloadCalls);

    /// <summary>Completes when <see cref="UnloadAsync"/> has run.</summary>
    public Task Unloaded => _unloaded.Task;

    /// <summary>Lets a held initialize step finish.</summary>
    public void ReleaseInitialize() => _release.TrySetResult();

    /// <inheritdoc />
    public override async Task InitializeAsync(InitializationContext context, CancellationToken ct)
    {
        Interlocked.Increment(ref _initializeCalls);
        await _release.Task.WaitAsync(ct).ConfigureAwait(false);
        if (IsSet("fail_initialize"))
        {
            throw new InvalidOperationException($"cannot reach the database at db.internal:5432 ({SecretInFailure})");
        }

        await context.Storage.PutAsync(MarkerKey, Encoding.UTF8.GetBytes("yes"), ct).ConfigureAwait(false);
        Volatile.Write(ref _initializeFinished, 1);
    }

    /// <inheritdoc />
    public override async ValueTask UnloadAsync(CancellationToken ct)
    {
        // Asynchronous on purpose: the core must await it, not just start it.
        await Task.Yield();
        Interlocked.Increment(ref _unloadCalls);
        _unloaded.TrySetResult();
    }

    protected override IReadOnlyList<PathDefinition> DefinePaths() =>
    [
        new PathDefinition
        {
            Pattern = "state",
            Operations = new Dictionary<Operation, PathHandler> { [Operation.Read] = StateAsync },
        },
    ];

    private bool IsSet(string option) => Context.Options.TryGetValue(option, out var value) && value == "true";

    private async Task<LogicalResponse?> StateAsync(LogicalRequest request, FieldData data, CancellationToken ct)
    {
        if (Volatile.Read(ref _initializeFinished) == 0)
        {
            Interlocked.Increment(ref _requestsBeforeInitialized);
        }

        return new LogicalResponse
        {
            Data = new Dictionary<string, object?>
            {
                ["initialize_calls"] = InitializeCalls,
                ["requests_before_initialized"] = RequestsBeforeInitialized,
                ["marker_visible"] = await request.RequiredStorage.GetAsync(MarkerKey, ct).ConfigureAwait(false) is not null,
                ["default_lease_ttl"] = (long)Context.Ttls.DefaultLeaseTtl.TotalSeconds,
                ["max_lease_ttl"] = (long)Context.Ttls.MaxLeaseTtl.TotalSeconds,
                ["mount_uuid"] = Context.MountUuid,
                ["mount_accessor"] = Context.MountAccessor,
            },
        };
    }
}
