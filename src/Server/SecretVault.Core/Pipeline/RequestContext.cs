using SecretVault.Core.Policies;
using SecretVault.Core.Routing;
using SecretVault.Core.Tokens;
using SecretVault.Sdk.Logical;

namespace SecretVault.Core.Pipeline;

/// <summary>
/// What the steps have learnt about one request so far. Immutable: a step hands the next one a copy with what it
/// added (<c>context with { Token = ... }</c>), so no later step can change what an earlier one decided.
/// </summary>
public sealed record RequestContext
{
    /// <summary>The request as the HTTP layer built it (full path).</summary>
    public required LogicalRequest Request { get; init; }

    /// <summary>The mount the path falls under; null when none serves it.</summary>
    public RouteMatch? Match { get; init; }

    /// <summary>The request as the backend receives it: mount-relative path, its storage view, create or update resolved.</summary>
    public LogicalRequest? Routed { get; init; }

    /// <summary>True on a path the backend declares unauthenticated (a login): no token is used or checked.</summary>
    public bool Unauthenticated { get; init; }

    /// <summary>The caller's token once authenticated (a use already spent); null on an unauthenticated path.</summary>
    public TokenEntry? Token { get; init; }

    /// <summary>The ACL decision that allowed the request, once authorized.</summary>
    public AclResult? Acl { get; init; }

    /// <summary>The routed request; throws when the route step found no mount (steps after authorization only run with one).</summary>
    public LogicalRequest RequiredRouted => Routed ?? throw new InvalidOperationException("the request was not routed to a mount");

    /// <summary>The mount match; throws when no mount serves the path.</summary>
    public RouteMatch RequiredMatch => Match ?? throw new InvalidOperationException("the request was not routed to a mount");
}
