using SecretVault.Core.Barrier;
using SecretVault.Sdk.Framework;
using SecretVault.Sdk.Logical;

namespace SecretVault.Core.System;

/// <summary>The <c>sys/</c> mount: the authenticated system endpoints, declared as a path table.</summary>
public sealed class SystemBackend : FrameworkBackend
{
    private readonly ISecurityBarrier _barrier;
    private readonly MountPaths _mounts;
    private readonly PolicyPaths _policies;
    private readonly CapabilitiesPaths _capabilities;
    private readonly UiMountsPaths _uiMounts;
    private readonly MetricsPaths _metrics;
    private readonly LeasePaths _leases;
    private readonly WrappingPaths _wrapping;
    private readonly GenerateRootPaths _generateRoot;
    private readonly RekeyPaths _rekey;

    public SystemBackend(ISecurityBarrier barrier, MountPaths mounts, PolicyPaths policies, CapabilitiesPaths capabilities, UiMountsPaths uiMounts, MetricsPaths metrics, LeasePaths leases, WrappingPaths wrapping, GenerateRootPaths generateRoot, RekeyPaths rekey)
    {
        _rekey = rekey;
        _generateRoot = generateRoot;
        _wrapping = wrapping;
        _leases = leases;
        _metrics = metrics;
        _barrier = barrier;
        _mounts = mounts;
        _policies = policies;
        _capabilities = capabilities;
        _uiMounts = uiMounts;
    }

    /// <inheritdoc />
    public override IReadOnlyList<string> RootPaths { get; } = ["rotate", "auth/*", "remount", .. LeasePaths.RootPaths, .. GenerateRootPaths.RootPaths, .. RekeyPaths.RootPaths];

    /// <inheritdoc />
    public override IReadOnlyList<string> UnauthenticatedPaths { get; } = [.. UiMountsPaths.UnauthenticatedPaths, .. WrappingPaths.UnauthenticatedPaths, .. GenerateRootPaths.UnauthenticatedPaths];

    /// <inheritdoc />
    protected override IReadOnlyList<PathDefinition> DefinePaths() =>
    [
        .. _mounts.Define(),
        .. _policies.Define(),
        .. _capabilities.Define(),
        .. _uiMounts.Define(),
        .. _metrics.Define(),
        .. _leases.Define(),
        .. _wrapping.Define(),
        .. _generateRoot.Define(),
        .. _rekey.Define(),
        new PathDefinition
        {
            Pattern = "rotate",
            Operations = new Dictionary<Operation, PathHandler> { [Operation.Update] = RotateAsync },
            HelpSynopsis = "Adds a new barrier key term; new writes use it, old terms still decrypt.",
        },
        new PathDefinition
        {
            Pattern = "key-status",
            Operations = new Dictionary<Operation, PathHandler> { [Operation.Read] = KeyStatusAsync },
            HelpSynopsis = "The active barrier key term, its install time and its encryption count.",
        },
    ];

    private async Task<LogicalResponse?> RotateAsync(LogicalRequest request, FieldData data, CancellationToken ct)
    {
        await _barrier.RotateAsync(ct).ConfigureAwait(false);
        return null;
    }

    private Task<LogicalResponse?> KeyStatusAsync(LogicalRequest request, FieldData data, CancellationToken ct)
    {
        var status = _barrier.ActiveKeyStatus;
        return Task.FromResult<LogicalResponse?>(new LogicalResponse
        {
            Data = new Dictionary<string, object?>
            {
                ["term"] = status.Term,
                ["install_time"] = Responses.EnvelopeWriter.Rfc3339(status.InstallTime),
                ["encryptions"] = status.Encryptions,
            },
            DuplicateDataAtTopLevel = true,
        });
    }
}
