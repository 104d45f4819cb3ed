using SecretVault.Storage.Abstractions;
using SecretVault.Storage.File;
using SecretVault.Testing.Storage;

namespace SecretVault.Storage.File.Tests;

public sealed class FileBackendTests : PhysicalBackendConformance, IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("sv-file-");

    public void Dispose() => _root.Delete(recursive: true);

    [Fact]
    public async Task Data_SurvivesReopening()
    {
        await new FileBackend(_root.FullName).PutAsync("persist/me", new byte[] { 4, 2 });
        Assert.Equal(new byte[] { 4, 2 }, await new FileBackend(_root.FullName).GetAsync("persist/me"));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Permissions_Are0700ForFoldersAnd0600ForFiles()
    {
        var backend = new FileBackend(Path.Combine(_root.FullName, "data"));
        await backend.PutAsync("a/b/c", new byte[] { 1 });
        foreach (var folder in Directory.EnumerateDirectories(Path.Combine(_root.FullName, "data"), "*", SearchOption.AllDirectories).Append(Path.Combine(_root.FullName, "data")))
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, System.IO.File.GetUnixFileMode(folder));
        }

        foreach (var file in Directory.EnumerateFiles(Path.Combine(_root.FullName, "data"), "*", SearchOption.AllDirectories))
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, System.IO.File.GetUnixFileMode(file));
        }
    }

    [Fact]
    public async Task Open_RemovesTemporaryFilesACrashLeftBehind()
    {
        var backend = new FileBackend(_root.FullName);
        await backend.PutAsync("dir/key", new byte[] { 1 });
        var leftover = Path.Combine(_root.FullName, "dir", ".tmp-crashed");
        await System.IO.File.WriteAllTextAsync(leftover, "half-written");

        var reopened = new FileBackend(_root.FullName);
        Assert.False(System.IO.File.Exists(leftover));
        Assert.Equal(["key"], await reopened.ListAsync("dir/"));
    }

    [Fact]
    public async Task Put_LeavesNoTemporaryFiles()
    {
        var backend = new FileBackend(_root.FullName);
        for (var i = 0; i < 20; i++)
        {
            await backend.PutAsync($"t/{i % 3}", new byte[] { (byte)i });
        }

        Assert.Empty(Directory.EnumerateFiles(_root.FullName, ".tmp-*", SearchOption.AllDirectories));
    }

    [Theory]
    [InlineData("../outside")]
    [InlineData("a/../../outside")]
    [InlineData("..")]
    public async Task HostileKeys_NeverTouchAnythingOutsideTheRoot(string key)
    {
        var root = Path.Combine(_root.FullName, "inner");
        var backend = new FileBackend(root);
        await Assert.ThrowsAsync<InvalidStorageKeyException>(() => backend.PutAsync(key, new byte[] { 1 }));
        Assert.Equal([root], Directory.EnumerateFileSystemEntries(_root.FullName));
    }

    [Fact]
    public async Task OverlongSegment_IsRefusedClearly()
    {
        var backend = new FileBackend(_root.FullName);
        var error = await Assert.ThrowsAsync<InvalidStorageKeyException>(() => backend.PutAsync(new string('x', 300), new byte[] { 1 }));
        Assert.Contains("longer", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PathLongerThanTheSystemAllows_IsABadKeyForEveryOperation()
    {
        // Issue 14 item 8: 5 KB of short segments passed the segment check and threw PathTooLongException (a 500).
        var backend = new FileBackend(_root.FullName);
        var key = string.Join('/', Enumerable.Repeat(new string('x', 99), 50));
        var put = await Assert.ThrowsAsync<InvalidStorageKeyException>(() => backend.PutAsync(key, new byte[] { 1 }));
        Assert.Contains("path is longer", put.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<InvalidStorageKeyException>(() => backend.GetAsync(key));
        await Assert.ThrowsAsync<InvalidStorageKeyException>(() => backend.DeleteAsync(key));
        await Assert.ThrowsAsync<InvalidStorageKeyException>(() => backend.ListAsync(key + "/"));
        Assert.Empty(Directory.EnumerateFileSystemEntries(_root.FullName));
    }

    [Fact]
    public void Factory_RequiresPath()
    {
        var error = Assert.Throws<ArgumentException>(() => new FileBackendFactory().Create(new Dictionary<string, string>()));
        Assert.Contains("\"path\"", error.Message, StringComparison.Ordinal);
        Assert.Equal("file", new FileBackendFactory().Type);
        Assert.Equal(["path"], new FileBackendFactory().ConfigKeys);
    }

    protected override IPhysicalBackend CreateBackend() => new FileBackend(Path.Combine(_root.FullName, Guid.NewGuid().ToString("N")));
}
