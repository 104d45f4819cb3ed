using SecretVault.Sdk.Framework;
using SecretVault.Sdk.Logical;

namespace SecretVault.Core.System;

/// <summary>The <c>sys/</c> mount: the authenticated system endpoints, declared as a path table.</summary>
public sealed class SystemBackend : FrameworkBackend
{
    private readonly MountPaths _mounts;
    private readonly PolicyPaths _policies;
    private readonly CapabilitiesPaths _capabilities;
    private readonly UiMountsPaths _uiMounts;
    private readonly MetricsPaths _metrics;
    private readonly LeasePaths _leases;
    private readonly WrappingPaths _wrapping;
    private readonly GenerateRootPaths _generateRoot;
    private readonly RekeyPaths _rekey;
    private readonly KeyRotationPaths _keyRotation;
    private readonly LockedUsersPaths _lockedUsers;
    private readonly ConfigStatePaths _configState;
    private readonly HostInfoPaths _hostInfo;

    public SystemBackend(MountPaths mounts, PolicyPaths policies, CapabilitiesPaths capabilities, UiMountsPaths uiMounts, MetricsPaths metrics, LeasePaths leases, WrappingPaths wrapping, GenerateRootPaths generateRoot, RekeyPaths rekey, KeyRotationPaths keyRotation, LockedUsersPaths lockedUsers, ConfigStatePaths configState, HostInfoPaths hostInfo)
    {
        _configState = configState;
        _hostInfo = hostInfo;
        _lockedUsers = lockedUsers;
        _keyRotation = keyRotation;
        _rekey = rekey;
        _generateRoot = generateRoot;
        _wrapping = wrapping;
        _leases = leases;
        _metrics = metrics;
        _mounts = mounts;
        _policies = policies;
        _capabilities = capabilities;
        _uiMounts = uiMounts;
        RootPaths = ["auth/*", "remount", .. KeyRotationPaths.RootPaths, .. LeasePaths.RootPaths, .. generateRoot.RootPaths, .. rekey.RootPaths, .. ConfigStatePaths.RootPaths, .. HostInfoPaths.RootPaths];
        UnauthenticatedPaths = [.. UiMountsPaths.UnauthenticatedPaths, .. WrappingPaths.UnauthenticatedPaths, .. generateRoot.UnauthenticatedPaths, .. rekey.UnauthenticatedPaths];
    }

    /// <inheritdoc />
    public override IReadOnlyList<string> RootPaths { get; }

    /// <inheritdoc />
    public override IReadOnlyList<string> UnauthenticatedPaths { get; }

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
        .. _keyRotation.Define(),
        .. _lockedUsers.Define(),
        .. _configState.Define(),
        .. _hostInfo.Define(),
    ];
}
