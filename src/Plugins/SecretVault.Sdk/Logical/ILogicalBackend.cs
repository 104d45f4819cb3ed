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

    /// <summary>For a POST/PUT: whether the target exists, so the core can ask for create or update capability.</summary>
    Task<ExistenceCheckResult> ExistenceCheckAsync(LogicalRequest request, CancellationToken ct = default);
}
