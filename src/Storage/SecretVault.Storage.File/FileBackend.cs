using SecretVault.Storage.Abstractions;

namespace SecretVault.Storage.File;

/// <summary>
/// Storage in a folder tree: key <c>a/b/c</c> is the file <c>a/b/_c</c>. A put writes a temporary file,
/// fsyncs it, renames it over the target and fsyncs the folder, so a put that returned survives a
/// crash and a crash never leaves a torn value. Folders are 0700 and files 0600.
/// </summary>
public sealed class FileBackend : IPhysicalBackend
{
    private const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly string _root;

    /// <summary>Opens (creating if needed) the storage folder and removes temporary files a crash left behind.</summary>
    public FileBackend(string root)
    {
        _root = Path.GetFullPath(root);
        CreateFolder(_root);
        if (!OperatingSystem.IsWindows())
        {
            System.IO.File.SetUnixFileMode(_root, FolderMode);
        }

        foreach (var temp in Directory.EnumerateFiles(_root, FileNames.TempPrefix + "*", SearchOption.AllDirectories))
        {
            System.IO.File.Delete(temp);
        }
    }

    /// <inheritdoc />
    public async Task<byte[]?> GetAsync(string key, CancellationToken ct = default)
    {
        StorageKey.Validate(key);
        try
        {
            return await System.IO.File.ReadAllBytesAsync(ValuePath(key), ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public async Task PutAsync(string key, ReadOnlyMemory<byte> value, CancellationToken ct = default)
    {
        StorageKey.Validate(key);
        var target = ValuePath(key);
        var folder = Path.GetDirectoryName(target)!;

        // A concurrent delete may prune the folder between its creation and our write: try again.
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                CreateFolder(folder);
                await WriteDurablyAsync(folder, target, value, ct).ConfigureAwait(false);
                return;
            }
            catch (DirectoryNotFoundException) when (attempt < 5)
            {
            }
        }
    }

    /// <inheritdoc />
    public Task DeleteAsync(string key, CancellationToken ct = default)
    {
        StorageKey.Validate(key);
        var target = ValuePath(key);
        try
        {
            System.IO.File.Delete(target);
        }
        catch (DirectoryNotFoundException)
        {
            return Task.CompletedTask;
        }

        PruneEmptyFolders(Path.GetDirectoryName(target)!);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> ListAsync(string prefix, CancellationToken ct = default)
    {
        StorageKey.ValidatePrefix(prefix);
        var folder = prefix.Length == 0 ? _root : FolderPath(prefix.TrimEnd('/'));
        var children = new SortedSet<string>(StringComparer.Ordinal);
        try
        {
            foreach (var entry in new DirectoryInfo(folder).EnumerateFileSystemInfos())
            {
                var isFolder = entry is DirectoryInfo;
                var segment = FileNames.SegmentOf(entry.Name, isFolder);
                if (segment is not null && (!isFolder || ((DirectoryInfo)entry).EnumerateFileSystemInfos().Any()))
                {
                    children.Add(isFolder ? segment + "/" : segment);
                }
            }
        }
        catch (DirectoryNotFoundException)
        {
        }

        return Task.FromResult<IReadOnlyList<string>>([.. children]);
    }

    private static async Task WriteDurablyAsync(string folder, string target, ReadOnlyMemory<byte> value, CancellationToken ct)
    {
        var temp = Path.Combine(folder, FileNames.TempPrefix + Guid.NewGuid().ToString("N"));
        try
        {
            var options = new FileStreamOptions
            {
                Mode = System.IO.FileMode.CreateNew,
                Access = FileAccess.Write,
                Options = FileOptions.Asynchronous,
            };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = FileMode;
            }

            await using (var stream = new FileStream(temp, options))
            {
                await stream.WriteAsync(value, ct).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            System.IO.File.Move(temp, target, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }

        DirectorySync.Flush(folder);
    }

    private string ValuePath(string key)
    {
        var slash = key.LastIndexOf('/');
        var folder = slash < 0 ? _root : FolderPath(key[..slash]);
        return FileNames.CheckLength(Path.Combine(folder, FileNames.ValueFile(key[(slash + 1)..])));
    }

    private string FolderPath(string keyPrefix) =>
        FileNames.CheckLength(Path.Combine([_root, .. keyPrefix.Split('/').Select(FileNames.Folder)]));

    private void PruneEmptyFolders(string folder)
    {
        while (folder.Length > _root.Length && folder.StartsWith(_root, StringComparison.Ordinal))
        {
            try
            {
                Directory.Delete(folder);
            }
            catch (IOException)
            {
                return;
            }

            folder = Path.GetDirectoryName(folder)!;
        }
    }

    // Creates each missing level with mode 0700; CreateDirectory alone leaves intermediate levels at
    // the process default, which would let other users list key names.
    private static void CreateFolder(string folder)
    {
        if (Directory.Exists(folder))
        {
            return;
        }

        var parent = Path.GetDirectoryName(folder);
        if (parent is not null)
        {
            CreateFolder(parent);
        }

        // Created with its mode in one call: no moment with wider permissions, and no second call that a concurrent
        // delete pruning the empty folder could make fail.
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
        }
        else
        {
            Directory.CreateDirectory(folder, FolderMode);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            System.IO.File.Delete(path);
        }
        catch (IOException)
        {
        }
    }
}
