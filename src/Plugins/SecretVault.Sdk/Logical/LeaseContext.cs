namespace SecretVault.Sdk.Logical;

/// <summary>What the core tells a backend about a lease it renews or revokes.</summary>
public sealed record LeaseContext
{
    /// <summary>The lease ID, <c>&lt;request path&gt;/&lt;random id&gt;</c>.</summary>
    public required string LeaseId { get; init; }

    /// <summary>The secret as the backend issued it (type and internal data).</summary>
    public required SecretLease Secret { get; init; }

    /// <summary>
    /// True on the revoke of a lease whose issue never completed: the server stopped between reserving the
    /// lease and the backend's answer, so <see cref="SecretLease.InternalData"/> is empty and the backend
    /// finds what it may have issued by <see cref="LeaseId"/>. Revoking must then tolerate "nothing issued".
    /// </summary>
    public bool IssueIncomplete { get; init; }

    /// <summary>When the lease was issued.</summary>
    public DateTimeOffset IssueTime { get; init; }

    /// <summary>The extension a renewal asks for; zero for the backend's default.</summary>
    public TimeSpan Increment { get; init; }
}
