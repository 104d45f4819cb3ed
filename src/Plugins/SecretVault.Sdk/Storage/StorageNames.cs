using System.Text;
using SecretVault.Storage.Abstractions;

namespace SecretVault.Sdk.Storage;

/// <summary>
/// The one rule for a name a plugin stores as a single key segment (a user, a role): it must fit the segment every
/// storage backend accepts, so an over-long name is refused up front with a clear 400 instead of failing in the write.
/// </summary>
public static class StorageNames
{
    /// <summary>The longest segment, in UTF-8 bytes, every storage backend accepts.</summary>
    public const int MaxSegmentBytes = StorageKey.MaxSegmentBytes;

    /// <summary>True when <paramref name="name"/> fits in one key segment of every storage backend.</summary>
    public static bool FitsOneSegment(string name) => Encoding.UTF8.GetByteCount(name) <= MaxSegmentBytes;
}
