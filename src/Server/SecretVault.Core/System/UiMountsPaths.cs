using SecretVault.Core.Mounts;
using SecretVault.Core.Policies;
using SecretVault.Core.Routing;
using SecretVault.Core.Tokens;
using SecretVault.Sdk.Framework;
using SecretVault.Sdk.Logical;

namespace SecretVault.Core.System;

/// <summary>
/// <c>sys/internal/ui/mounts</c> and <c>sys/internal/ui/mounts/:path</c>: the mounts a token may use,
/// and the mount holding a path (the vault CLI's <c>kv</c> commands learn a mount's KV version here).
/// The token is optional for the list; a mount is shown when the token has any capability under it
/// or the mount is tuned <c>listing_visibility=unauth</c>.
/// </summary>
public sealed class UiMountsPaths
{
    private readonly MountManager _mounts;
    private readonly Router _router;
    private readonly TokenStore _tokens;
    private readonly PolicyStore _policies;

    public UiMountsPaths(MountManager mounts, Router router, TokenStore tokens, PolicyStore policies)
    {
        _mounts = mounts;
        _router = router;
        _tokens = tokens;
        _policies = policies;
    }

    /// <summary>Paths answered without a token (each handler looks the token up itself).</summary>
    public static IReadOnlyList<string> UnauthenticatedPaths => ["internal/ui/mounts", "internal/ui/mounts/*"];

    public IEnumerable<PathDefinition> Define() =>
    [
        new PathDefinition
        {
            Pattern = "internal/ui/mounts/?",
            Operations = new Dictionary<Operation, PathHandler> { [Operation.Read] = ListAsync },
            HelpSynopsis = "The secrets engines and auth methods the caller can use.",
        },
        new PathDefinition
        {
            Pattern = "internal/ui/mounts/(?<path>.+)",
            Fields = new Dictionary<string, FieldSchema> { ["path"] = new(FieldType.String, "A path inside the mount.") },
            Operations = new Dictionary<Operation, PathHandler> { [Operation.Read] = ReadAsync },
            HelpSynopsis = "The mount that holds a path, with its type and options.",
        },
    ];

    private async Task<LogicalResponse?> ListAsync(LogicalRequest request, FieldData data, CancellationToken ct)
    {
        var acl = await AclOfAsync(request, ct).ConfigureAwait(false);
        var snapshot = _mounts.Snapshot;
        return LogicalResponse.WithData(new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["secret"] = Visible(snapshot.Secrets, acl),
            ["auth"] = Visible(snapshot.Auth, acl),
        });
    }

    private async Task<LogicalResponse?> ReadAsync(LogicalRequest request, FieldData data, CancellationToken ct)
    {
        // An unknown mount and a forbidden one answer alike, so the endpoint cannot be used to find mounts.
        var acl = await AclOfAsync(request, ct).ConfigureAwait(false) ?? throw LogicalException.PermissionDenied();
        var mount = _router.Route(data.GetString("path"))?.Mount;
        if (mount is null || !acl.HasAccessUnder(mount.RoutePath))
        {
            throw LogicalException.PermissionDenied();
        }

        var info = MountInfo.Describe(mount);
        info["path"] = mount.RoutePath;
        return LogicalResponse.WithData(info);
    }

    private static Dictionary<string, object?> Visible(IReadOnlyList<MountEntry> mounts, Acl? acl) =>
        mounts.Where(m => m.Config.ListingVisibility == "unauth" || acl?.HasAccessUnder(m.RoutePath) == true)
            .OrderBy(m => m.Path, StringComparer.Ordinal)
            .ToDictionary(m => m.Path, m => (object?)MountInfo.Describe(m), StringComparer.Ordinal);

    // Looking a token up here spends none of its uses: the path is not a request on the token's behalf.
    private async Task<Acl?> AclOfAsync(LogicalRequest request, CancellationToken ct)
    {
        var token = await _tokens.LookupAsync(request.ClientToken, ct).ConfigureAwait(false);
        return token is null || !BoundCidrs.Allow(token.BoundCidrs, request.RemoteAddress)
            ? null
            : await _policies.GetAclAsync(token.Policies, ct).ConfigureAwait(false);
    }
}
