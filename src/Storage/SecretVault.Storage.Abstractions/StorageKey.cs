namespace SecretVault.Storage.Abstractions;

/// <summary>
/// The one place that decides whether a storage key is acceptable, so no backend ever sees a key
/// that could escape its root (a file outside the data folder, a row outside its prefix).
/// </summary>
public static class StorageKey
{
    /// <summary>
    /// The longest key segment, in UTF-8 bytes, that every backend stores: the file backend's, whose file names
    /// (255 bytes on ext4 and most file systems) hold the segment, escaped, behind a one-character prefix.
    /// </summary>
    public const int MaxSegmentBytes = 250;

    /// <summary>Throws <see cref="InvalidStorageKeyException"/> unless <paramref name="key"/> is a well-formed key.</summary>
    public static void Validate(string key)
    {
        if (!IsValid(key, allowTrailingSlash: false))
        {
            throw new InvalidStorageKeyException();
        }
    }

    /// <summary>Throws <see cref="InvalidStorageKeyException"/> unless <paramref name="prefix"/> is empty or a well-formed key ending in '/'.</summary>
    public static void ValidatePrefix(string prefix)
    {
        if (prefix.Length > 0 && (!prefix.EndsWith('/') || !IsValid(prefix, allowTrailingSlash: true)))
        {
            throw new InvalidStorageKeyException();
        }
    }

    /// <summary>True when every '/'-separated segment is non-empty, not '.' or '..', and free of control characters.</summary>
    public static bool IsValid(string key, bool allowTrailingSlash)
    {
        if (string.IsNullOrEmpty(key))
        {
            return false;
        }

        var body = allowTrailingSlash && key.EndsWith('/') ? key[..^1] : key;
        if (body.Length == 0)
        {
            return false;
        }

        foreach (var segment in body.Split('/'))
        {
            if (segment.Length == 0 || segment == "." || segment == ".." || segment.Any(char.IsControl))
            {
                return false;
            }
        }

        return true;
    }
}
