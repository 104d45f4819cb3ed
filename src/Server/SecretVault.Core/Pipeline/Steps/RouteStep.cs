using SecretVault.Core.Responses;
using SecretVault.Core.Routing;

namespace SecretVault.Core.Pipeline.Steps;

/// <summary>
/// Looks the path up in the route table (sys/ included, as every mount): the mount's unauthenticated and root paths
/// decide the next steps. The backend itself runs only at dispatch, after authorization and audit.
/// </summary>
public sealed class RouteStep : IRequestStep
{
    private readonly Router _router;

    public RouteStep(Router router)
    {
        _router = router;
    }

    /// <inheritdoc />
    public Task<ResponseEnvelope?> InvokeAsync(RequestContext context, RequestStepDelegate next, CancellationToken ct)
    {
        var request = context.Request;
        var match = _router.Route(request.Path);
        return next(context with
        {
            Match = match,
            Routed = match is null ? null : request with { Path = match.RelativePath, MountPoint = match.MountPoint, Storage = match.View },
        }, ct);
    }
}
