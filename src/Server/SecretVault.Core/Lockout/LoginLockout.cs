using SecretVault.Core.Responses;
using SecretVault.Core.Routing;
using SecretVault.Sdk.Logical;

namespace SecretVault.Core.Lockout;

/// <summary>
/// Runs a login through the user lockout, as Vault's core does: the backend names the alias, a locked alias is
/// refused before its credential is checked (with the very error a wrong credential gets, so a lock tells a caller
/// nothing a failed login does not), a wrong credential counts against the alias and a successful login clears it.
/// </summary>
public sealed class LoginLockout
{
    private readonly LockoutTracker _tracker;
    private readonly VaultOptions _options;

    public LoginLockout(LockoutTracker tracker, VaultOptions options)
    {
        _tracker = tracker;
        _options = options;
    }

    /// <summary>Runs <paramref name="dispatch"/> (the backend of <paramref name="match"/> with the unauthenticated <paramref name="routed"/> request) under the lockout.</summary>
    public async Task<ResponseEnvelope?> HandleAsync(RouteMatch match, LogicalRequest routed, Func<CancellationToken, Task<ResponseEnvelope?>> dispatch, CancellationToken ct)
    {
        if (match.Mount is not { } mount
            || LockoutPolicy.Of(mount, _options.UserLockout) is not { } policy
            || match.Backend.LoginAliasOf(routed) is not { } alias)
        {
            return await dispatch(ct).ConfigureAwait(false);
        }

        if (_tracker.LockedError(mount.Accessor, alias) is { } locked)
        {
            throw locked;
        }

        ResponseEnvelope? response;
        try
        {
            response = await dispatch(ct).ConfigureAwait(false);
        }
        catch (LogicalException failure) when (failure.IsInvalidCredentials)
        {
            // Counted whatever becomes of the request: a client that hangs up must not take its guess back.
            await _tracker.RecordFailureAsync(mount.Accessor, alias, policy, failure.Message).ConfigureAwait(false);
            throw;
        }

        if (response?.Response.Auth is not null)
        {
            await _tracker.RecordSuccessAsync(mount.Accessor, alias).ConfigureAwait(false);
        }

        return response;
    }
}
