using System.Text;

namespace SecretVault.Sdk.Storage;

/// <summary>
/// The one rule for a name a plugin stores as a single key segment (a user, a role): it must fit the segment every
/// storage backend accepts, so an over-long name is refused up front with a clear 400 instead of failing in the write.
/// </summary>
public static class StorageNames
{
    /// <summary>
    /// The longest segment, in UTF-8 bytes, every storage backend accepts. Plugins see only the Sdk, so this is the
    /// storage abstraction's <c>StorageKey.MaxSegmentBytes</c> restated; StorageNamesTests keeps the two equal.
    /// </summary>
    public const int MaxSegmentBytes = 250;

    /// <summary>True when <paramref name="name"/> fits in one key segment of every storage backend.</summary>
    public static bool FitsOneSegment(string name) => Encoding.UTF8.GetByteCount(name) <= MaxSegmentBytes;
}
