using SecretVault.Sdk.Storage;

namespace SecretVault.Sdk.Logical;

/// <summary>
/// A mounted secrets engine or auth method: it gets a routed request (with a storage view rooted at
/// its mount) and returns a response. This is the whole plugin seam.
/// </summary>
public interface ILogicalBackend
{
    /// <summary>Paths, relative to the mount, that need no token (login paths). A trailing <c>*</c> is a prefix match.</summary>
    IReadOnlyList<string> UnauthenticatedPaths { get; }

    /// <summary>Paths, relative to the mount, that need <c>sudo</c> in addition to the normal capability.</summary>
    IReadOnlyList<string> RootPaths { get; }

    /// <summary>Handles a routed request; null means "nothing to say" (404 on a read, 204 on a write).</summary>
    Task<LogicalResponse?> HandleRequestAsync(LogicalRequest request, CancellationToken ct = default);

    /// <summary>
    /// The secret type <paramref name="request"/> may issue a lease for, or null. The core reserves the lease in
    /// storage before such a request runs, so a crash between the issue and the lease leaves nothing unrevocable.
    /// </summary>
    string? LeaseTypeIssuedBy(LogicalRequest request) => null;

    /// <summary>
    /// For a login request: the alias it claims (a username, a role ID), normalised exactly as the login
    /// normalises it, or null when the request names none. The core counts failed logins per alias and refuses a
    /// locked alias before the backend runs (user lockout); it needs no storage and must not check the credential.
    /// </summary>
    string? LoginAliasOf(LogicalRequest request) => null;

    /// <summary>
    /// <paramref name="path"/> (relative to the mount) with every name the backend normalizes before use written as
    /// it will be stored, or null when that is <paramref name="path"/> itself. The core authorizes both paths.
    /// </summary>
    string? NormalizedPathOf(string path) => null;

    /// <summary>
    /// Called about once a minute (the core's periodic tick) while the mount is loaded, with the mount's storage:
    /// scheduled work such as transit's key auto-rotation. Failures are logged and retried on the next tick.
    /// </summary>
    Task PeriodicAsync(IStorage storage, CancellationToken ct) => Task.CompletedTask;

    /// <summary>
    /// Runs once per load of the mount, with its storage, before the first request, existence check or periodic call
    /// reaches the backend (those wait for it): bring stored data up to date, open connections. An exception leaves
    /// the mount answering 500 until it is loaded again; the other mounts keep serving, and unload still runs.
    /// </summary>
    Task InitializeAsync(InitializationContext context, CancellationToken ct) => Task.CompletedTask;

    /// <summary>
    /// Runs once when the backend leaves the route table (seal, unmount, a move or a tune of its options) or after its
    /// initialize step failed: close connections, drop and zero cached key material. Requests still in flight may
    /// finish after this call. It may run once the mount's storage is closed or the server sealed: it must not use storage.
    /// </summary>
    ValueTask UnloadAsync(CancellationToken ct) => ValueTask.CompletedTask;

    /// <summary>
    /// For a POST/PUT: whether the target exists, so the core can ask for create or update capability. Runs before
    /// the ACL check, so it must not reveal whether a route exists: an unknown path is <see cref="ExistenceCheckResult.NotChecked"/>.
    /// </summary>
    Task<ExistenceCheckResult> ExistenceCheckAsync(LogicalRequest request, CancellationToken ct = default);
}
