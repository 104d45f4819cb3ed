using SecretVault.Sdk.Logical;

namespace SecretVault.Core.Mounts;

/// <summary>
/// A backend's view of its mount's TTLs, read from the published mount table at each use, so a tune reaches the running
/// backend without a reload. Once the mount is gone (unmounted, sealed) it gives the server's values.
/// </summary>
public sealed class LiveMountTtls : IMountTtls
{
    private readonly Func<MountEntry?> _mount;
    private readonly VaultOptions _options;

    public LiveMountTtls(Func<MountEntry?> mount, VaultOptions options)
    {
        _mount = mount;
        _options = options;
    }

    /// <inheritdoc />
    public TimeSpan DefaultLeaseTtl => MountTtls.Of(_mount(), _options).Default;

    /// <inheritdoc />
    public TimeSpan MaxLeaseTtl => MountTtls.Of(_mount(), _options).Max;
}
