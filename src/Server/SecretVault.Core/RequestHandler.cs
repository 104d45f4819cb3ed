using Microsoft.Extensions.Logging;
using SecretVault.Core.Barrier;
using SecretVault.Core.Leases;
using SecretVault.Core.Lockout;
using SecretVault.Core.Mounts;
using SecretVault.Core.Policies;
using SecretVault.Core.Routing;
using SecretVault.Core.System;
using SecretVault.Core.Tokens;
using SecretVault.Core.Wrapping;
using SecretVault.Sdk.Framework;
using SecretVault.Sdk.Logical;
using SecretVault.Sdk.Storage;
using SecretVault.Storage.Abstractions;

namespace SecretVault.Core;

/// <summary>
/// Runs one request through the core: seal paths, sealed check, routing, token lookup,
/// authorization (create versus update by the backend's existence check), then the backend.
/// </summary>
public sealed partial class RequestHandler
{
    // Sealing is answered here rather than by the sys/ backend: the backend is torn down by the seal itself.
    private const string SealPath = "sys/seal";

    private const string SystemMount = "sys/";

    private readonly VaultLifecycle _lifecycle;
    private readonly SealPaths _sealPaths;
    private readonly Router _router;
    private readonly TokenStore _tokens;
    private readonly SystemBackend _system;
    private readonly PolicyStore _policies;
    private readonly LoginTokenIssuer _loginTokens;
    private readonly LoginLockout _lockout;
    private readonly LeaseIssuer _leaseIssuer;
    private readonly LeaseRevoker _leaseRevoker;
    private readonly ResponseWrapper _wrapper;
    private readonly StorageView _systemView;
    private readonly VaultOptions _options;
    private readonly ILogger<RequestHandler> _log;

    public RequestHandler(
        VaultLifecycle lifecycle,
        SealPaths sealPaths,
        Router router,
        TokenStore tokens,
        SystemBackend system,
        PolicyStore policies,
        LoginTokenIssuer loginTokens,
        LoginLockout lockout,
        LeaseIssuer leaseIssuer,
        LeaseRevoker leaseRevoker,
        ResponseWrapper wrapper,
        ISecurityBarrier barrier,
        VaultOptions options,
        ILogger<RequestHandler> log)
    {
        _lifecycle = lifecycle;
        _sealPaths = sealPaths;
        _router = router;
        _tokens = tokens;
        _system = system;
        _policies = policies;
        _loginTokens = loginTokens;
        _lockout = lockout;
        _leaseIssuer = leaseIssuer;
        _leaseRevoker = leaseRevoker;
        _wrapper = wrapper;
        _systemView = new StorageView(barrier, SystemMount);
        _options = options;
        _log = log;
    }

    /// <summary>Handles <paramref name="request"/>; failures surface as <see cref="LogicalException"/> with Vault's status and message.</summary>
    public async Task<LogicalResponse?> HandleAsync(LogicalRequest request, CancellationToken ct = default)
    {
        try
        {
            if (_sealPaths.TryHandle(request, ct) is { } sealPathResponse)
            {
                return await sealPathResponse.ConfigureAwait(false);
            }

            if (_lifecycle.Sealed)
            {
                throw LogicalException.Sealed();
            }

            return await HandleUnsealedAsync(request, ct).ConfigureAwait(false);
        }
        catch (BarrierSealedException)
        {
            throw LogicalException.Sealed();
        }
        catch (InvalidStorageKeyException ex)
        {
            // A path a backend passed on as a storage key that storage refuses ("a/./b", a control character, a
            // segment or path too long for the file backend); the message says which, and never quotes the key.
            throw LogicalException.BadRequest(ex.Message);
        }
        catch (BarrierIntegrityException)
        {
            LogIntegrityFailure(_log, request.Id);
            throw new LogicalException(500, "internal error");
        }
    }

    private async Task<LogicalResponse?> HandleUnsealedAsync(LogicalRequest request, CancellationToken ct)
    {
        // sys/ is served by the core itself rather than through the mount table the sys/ backend manages.
        var match = request.Path.StartsWith(SystemMount, StringComparison.Ordinal) || request.Path == "sys"
            ? new RouteMatch(SystemMount, _system, _systemView, request.Path.Length > SystemMount.Length ? request.Path[SystemMount.Length..] : "")
            : _router.Route(request.Path);
        if (match is not null && IsUnauthenticated(match.Backend, match.RelativePath))
        {
            var login = await IssueLoginTokenAsync(await _lockout.HandleAsync(match, Routed(request, match), ct).ConfigureAwait(false), match, request.Path, ct).ConfigureAwait(false);

            // Without a token only a login is wrapped: anything else would let anonymous callers mint wrapping tokens.
            return login?.IssuedAuth is null ? login : await WrapIfAskedAsync(request, login, ct).ConfigureAwait(false);
        }

        // A use is spent even if the request is then denied, as in Vault.
        var token = await _tokens.UseAsync(request.ClientToken, ct).ConfigureAwait(false) ?? throw LogicalException.PermissionDenied();
        try
        {
            if (!BoundCidrs.Allow(token.BoundCidrs, request.RemoteAddress))
            {
                throw LogicalException.PermissionDenied();
            }

            var response = match is null
                ? await NoRouteAsync(request, token, ct).ConfigureAwait(false)
                : await HandleAuthenticatedAsync(request, Routed(request, match), match, token, ct).ConfigureAwait(false);
            return await WrapIfAskedAsync(request, response, ct).ConfigureAwait(false);
        }
        finally
        {
            if (token.NumUses == TokenEntry.LastUse)
            {
                await _tokens.RevokeTreeAsync(token.Hash, CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    private async Task<LogicalResponse?> HandleAuthenticatedAsync(LogicalRequest request, LogicalRequest routed, RouteMatch match, TokenEntry token, CancellationToken ct)
    {
        if (request.Path == SealPath)
        {
            await AuthorizeAsync(token, request.Path, Operation.Update, null, isRootPath: true, normalizedPath: null, ct).ConfigureAwait(false);
            if (request.Operation is not (Operation.Update or Operation.Create))
            {
                throw LogicalException.UnsupportedOperation();
            }

            await _lifecycle.SealAsync(ct).ConfigureAwait(false);
            return null;
        }

        var isRootPath = IsRootPath(match.Backend, routed.Path);
        if (routed.Operation == Operation.Update)
        {
            routed = routed with { Operation = await CreateOrUpdateAsync(request, routed, match, token, isRootPath, ct).ConfigureAwait(false) };
        }

        var normalized = match.Backend.NormalizedPathOf(routed.Path) is { } relative ? match.MountPoint + relative : null;
        var acl = await AuthorizeAsync(token, request.Path, routed.Operation, routed.Data, isRootPath, normalized, ct).ConfigureAwait(false);
        WrappingRules.Check(acl, request.WrapTtl);
        var response = await CallIssuingLeasesAsync(request, routed, match, token, ct).ConfigureAwait(false);
        if (response?.LeaseDuration is { } advisory)
        {
            response.LeaseDuration = MountTtls.Of(match.Mount, _options).Clamp(advisory);
        }

        return response;
    }

    // As Vault: a caller without rights on a path that no mount serves is denied; "no handler" is for those who may access it.
    private async Task<LogicalResponse?> NoRouteAsync(LogicalRequest request, TokenEntry token, CancellationToken ct)
    {
        await AuthorizeAsync(token, request.Path, request.Operation, request.Data, isRootPath: false, normalizedPath: null, ct).ConfigureAwait(false);
        throw new LogicalException(404, $"no handler for route \"{request.Path}\". route entry not found.");
    }

    // A write asks for create when the backend's existence check finds no target, else update. The check runs before
    // the ACL, so when it refuses the input (a path no storage key can have), only a caller who may write there
    // learns it: everyone else is denied, as on a path that does not exist.
    private async Task<Operation> CreateOrUpdateAsync(LogicalRequest request, LogicalRequest routed, RouteMatch match, TokenEntry token, bool isRootPath, CancellationToken ct)
    {
        try
        {
            var existence = await match.Backend.ExistenceCheckAsync(routed, ct).ConfigureAwait(false);
            return existence is { Checked: true, Exists: false } ? Operation.Create : Operation.Update;
        }
        catch (Exception ex) when (ex is LogicalException { StatusCode: >= 400 and < 500 } or InvalidStorageKeyException)
        {
            var acl = await _policies.GetAclAsync(token.Policies, ct).ConfigureAwait(false);
            if (!acl.Evaluate(request.Path, Operation.Create, routed.Data, isRootPath).Allowed && !acl.Evaluate(request.Path, Operation.Update, routed.Data, isRootPath).Allowed)
            {
                throw LogicalException.PermissionDenied();
            }

            throw;
        }
    }

    // A path that issues leases gets its lease reserved before the backend runs (see LeaseIssuer).
    private async Task<LogicalResponse?> CallIssuingLeasesAsync(LogicalRequest request, LogicalRequest routed, RouteMatch match, TokenEntry token, CancellationToken ct)
    {
        var leaseType = match.Mount is null ? null : match.Backend.LeaseTypeIssuedBy(routed);
        LeaseEntry? reserved = null;
        if (leaseType is not null)
        {
            reserved = await _leaseIssuer.ReserveAsync(request.Path, leaseType, token, match.Mount, ct).ConfigureAwait(false);
            routed = routed with { Lease = new LeaseContext { LeaseId = reserved.LeaseId, Secret = new SecretLease { Type = leaseType }, IssueTime = reserved.IssueTime } };
        }

        LogicalResponse? response;
        try
        {
            response = await match.Backend.HandleRequestAsync(routed, ct).ConfigureAwait(false);
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
            await _leaseIssuer.CompleteAsync(reserved, request.Path, response, token, match.Mount, ct).ConfigureAwait(false);
        }
        else if (reserved is not null)
        {
            await _leaseIssuer.AbandonAsync(reserved, ct).ConfigureAwait(false);
        }

        return response;
    }

    // A login answers an AuthResult; the core mints the token, and only for an auth mount.
    private async Task<LogicalResponse?> IssueLoginTokenAsync(LogicalResponse? response, RouteMatch match, string path, CancellationToken ct)
    {
        if (response?.Auth is not { } auth)
        {
            return response;
        }

        if (match.Mount is not { Kind: BackendKind.Auth } mount)
        {
            throw new LogicalException(500, "internal error");
        }

        var issued = await _loginTokens.IssueAsync(auth, mount, path, ct).ConfigureAwait(false);

        // A login still running when its auth method is disabled must not leave a token behind: the disable revokes
        // the mount's leases once more after it unpublished the route, and a token minted after that sees it here.
        if (_router.Route(path)?.Mount?.Uuid != mount.Uuid)
        {
            await _tokens.RevokeTreeAsync(await _tokens.HashOfAsync(issued.ClientToken, ct).ConfigureAwait(false), CancellationToken.None).ConfigureAwait(false);
            throw LogicalException.PermissionDenied();
        }

        response.IssuedAuth = issued;
        return response;
    }

    // normalizedPath: the path with the names the backend normalizes written as stored (users/ALICE acts on users/alice).
    private async Task<AclResult> AuthorizeAsync(TokenEntry token, string path, Operation operation, IReadOnlyDictionary<string, global::System.Text.Json.JsonElement>? data, bool isRootPath, string? normalizedPath, CancellationToken ct)
    {
        var acl = await _policies.GetAclAsync(token.Policies, ct).ConfigureAwait(false);
        var result = acl.Evaluate(path, operation, data, isRootPath);

        // A name normalized after this check acts on the normalized path, so that path must be allowed too.
        var allowed = result.Allowed && (normalizedPath is null || acl.Evaluate(normalizedPath, operation, data, isRootPath).Allowed);
        return allowed ? result : throw LogicalException.PermissionDenied();
    }

    // A response with something in it is wrapped when the client asked; errors and empty answers never are.
    private async Task<LogicalResponse?> WrapIfAskedAsync(LogicalRequest request, LogicalResponse? response, CancellationToken ct)
    {
        if (request.WrapTtl is not { } ttl || response is null || (response.IsEmpty && !response.WrapWhenEmpty) || response.WrapInfo is not null || response.RawBody is not null)
        {
            return response;
        }

        // A wrapping token lives no longer than any lease may (an absurd header cannot mint a near-permanent token).
        return await _wrapper.WrapAsync(request.Id, request.Path, response, ttl > _options.MaxLeaseTtl ? _options.MaxLeaseTtl : ttl, ct).ConfigureAwait(false);
    }

    private static LogicalRequest Routed(LogicalRequest request, RouteMatch match) =>
        request with { Path = match.RelativePath, MountPoint = match.MountPoint, Storage = match.View };

    private static bool IsUnauthenticated(ILogicalBackend backend, string path) => MatchesAny(backend.UnauthenticatedPaths, path);

    private static bool IsRootPath(ILogicalBackend backend, string path) => MatchesAny(backend.RootPaths, path);

    private static bool MatchesAny(IReadOnlyList<string> patterns, string path) =>
        patterns.Any(p => p.EndsWith('*') ? path.StartsWith(p[..^1], StringComparison.Ordinal) : path == p || path == p + "/");

    [LoggerMessage(Level = LogLevel.Error, Message = "core: a stored value failed its integrity check (request {RequestId})")]
    private static partial void LogIntegrityFailure(ILogger logger, string requestId);
}
