using SecretVault.Core.Leases;
using SecretVault.Core.Mounts;
using SecretVault.Core.Responses;
using SecretVault.Sdk.Logical;

namespace SecretVault.Core.Pipeline.Steps;

/// <summary>
/// Leases of an authenticated request: on a path that issues leases the lease is reserved before the backend runs
/// (see <see cref="LeaseIssuer"/>) and completed for the secret it answers, or taken back when it fails; an advisory
/// lease duration is capped by the mount's maximum.
/// </summary>
public sealed class LeaseStep : IRequestStep
{
    private readonly LeaseIssuer _leaseIssuer;
    private readonly LeaseRevoker _leaseRevoker;
    private readonly VaultOptions _options;

    public LeaseStep(LeaseIssuer leaseIssuer, LeaseRevoker leaseRevoker, VaultOptions options)
    {
        _leaseIssuer = leaseIssuer;
        _leaseRevoker = leaseRevoker;
        _options = options;
    }

    /// <inheritdoc />
    public async Task<ResponseEnvelope?> InvokeAsync(RequestContext context, RequestStepDelegate next, CancellationToken ct)
    {
        if (context.Token is not { } token)
        {
            return await next(context, ct).ConfigureAwait(false);
        }

        var match = context.RequiredMatch;
        var routed = context.RequiredRouted;
        var path = context.Request.Path;
        var leaseType = match.Mount is null ? null : match.Backend.LeaseTypeIssuedBy(routed);
        LeaseEntry? reserved = null;
        if (leaseType is not null)
        {
            reserved = await _leaseIssuer.ReserveAsync(path, leaseType, token, match.Mount, ct).ConfigureAwait(false);
            routed = routed with { Lease = new LeaseContext { LeaseId = reserved.LeaseId, Secret = new SecretLease { Type = leaseType }, IssueTime = reserved.IssueTime } };
        }

        ResponseEnvelope? response;
        try
        {
            response = await next(context with { Routed = routed }, ct).ConfigureAwait(false);
        }
        catch when (reserved is not null)
        {
            // The handler may have issued part of a secret before it failed: its revoke handler takes back whatever it did.
            await _leaseRevoker.RevokeAsync(reserved.LeaseId, force: false, throwOnFailure: false, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        // A renewal answers the lease it extended (LeaseId set); only a new secret gets a new lease.
        if (response is { Secret: not null, LeaseId: null })
        {
            response = await _leaseIssuer.CompleteAsync(reserved, path, response, token, match.Mount, ct).ConfigureAwait(false);
        }
        else if (reserved is not null)
        {
            await _leaseIssuer.AbandonAsync(reserved, ct).ConfigureAwait(false);
        }

        return response?.LeaseDuration is { } advisory ? response with { LeaseDuration = MountTtls.Of(match.Mount, _options).Clamp(advisory) } : response;
    }
}
