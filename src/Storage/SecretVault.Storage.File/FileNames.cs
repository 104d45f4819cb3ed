using System.Text;
using SecretVault.Storage.Abstractions;

namespace SecretVault.Storage.File;

/// <summary>
/// Maps key segments to file-system names. A value's file is '_' + the encoded segment and a folder
/// is the encoded segment, which never starts with '_' or '.', so a key and a folder of the same name
/// coexist and temporary files ('.tmp-...') never collide with either.
/// </summary>
internal static class FileNames
{
    public const string TempPrefix = ".tmp-";

    // ext4 and most file systems limit a name to 255 bytes; the abstraction's limit leaves room for the '_' prefix.
    private const int MaxEncodedBytes = StorageKey.MaxSegmentBytes;

    // Linux limits a whole path to 4,096 bytes (PATH_MAX); leave room for a temporary file's name beside the value.
    private const int MaxPathBytes = 4000;

    public static string ValueFile(string segment) => "_" + Encode(segment);

    public static string Folder(string segment) => Encode(segment);

    /// <summary>
    /// <paramref name="path"/>, if the operating system can open it: a longer one would throw
    /// PathTooLongException (a 500) deep in a write, so it is refused as a bad key up front.
    /// </summary>
    public static string CheckLength(string path) =>
        Encoding.UTF8.GetByteCount(path) <= MaxPathBytes
            ? path
            : throw new InvalidStorageKeyException($"invalid storage key: the path is longer than the file backend allows ({MaxPathBytes} bytes with the data folder)");

    /// <summary>The key segment of a file-system entry, or null for entries that are not ours (temp files).</summary>
    public static string? SegmentOf(string name, bool isFolder)
    {
        if (isFolder)
        {
            return name.StartsWith('_') || name.StartsWith('.') ? null : Decode(name);
        }

        return name.StartsWith('_') ? Decode(name[1..]) : null;
    }

    private static string Encode(string segment)
    {
        var builder = new StringBuilder(segment.Length);
        for (var i = 0; i < segment.Length; i++)
        {
            var c = segment[i];
            var escape = c is '%' or '\\' || (i == 0 && c is '_' or '.');
            builder.Append(escape ? $"%{(int)c:X2}" : c);
        }

        var encoded = builder.ToString();
        if (Encoding.UTF8.GetByteCount(encoded) > MaxEncodedBytes)
        {
            throw new InvalidStorageKeyException($"invalid storage key: a path segment is longer than the file backend allows ({MaxEncodedBytes} bytes)");
        }

        return encoded;
    }

    private static string Decode(string name) => Uri.UnescapeDataString(name);
}
