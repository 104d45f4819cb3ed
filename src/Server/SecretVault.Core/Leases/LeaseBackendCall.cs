using SecretVault.Core.Routing;
using SecretVault.Sdk.Logical;

namespace SecretVault.Core.Leases;

/// <summary>Sends a lease's renew or revoke to the backend mounted at the lease's path.</summary>
public sealed class LeaseBackendCall
{
    private readonly Router _router;

    public LeaseBackendCall(Router router)
    {
        _router = router;
    }

    /// <summary>The backend's answer; throws <see cref="LogicalException"/> when no mount serves the lease's path any more.</summary>
    public Task<LogicalResponse?> SendAsync(LeaseEntry lease, Operation operation, TimeSpan increment, CancellationToken ct)
    {
        var match = _router.Route(lease.Path) ?? throw LogicalException.BadRequest($"no mount serves the lease's path \"{lease.Path}\"");
        var request = new LogicalRequest
        {
            Id = Guid.NewGuid().ToString(),
            Operation = operation,
            Path = match.RelativePath,
            MountPoint = match.MountPoint,
            Storage = match.View,
            Lease = new LeaseContext
            {
                LeaseId = lease.LeaseId,
                Secret = new SecretLease { Type = lease.SecretType, InternalData = lease.InternalData, Renewable = lease.Renewable, Ttl = lease.Ttl },
                IssueTime = lease.IssueTime,
                Increment = increment,
                IssueIncomplete = lease.Pending,
            },
        };
        return match.Backend.HandleRequestAsync(request, ct);
    }
}
