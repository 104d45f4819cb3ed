using SecretVault.Core.Routing;
using SecretVault.Sdk.Logical;
using SecretVault.Sdk.Storage;

namespace SecretVault.Core.Tests.Routing;

public sealed class RouteTableSnapshotTests
{
    private static readonly RouteTableSnapshot Table = new(
    [
        Entry("secret/"),
        Entry("secret/team/"),
        Entry("sys/"),
        Entry("auth/token/"),
    ]);

    [Theory]
    [InlineData("secret/data/a", "secret/", "data/a")]
    [InlineData("secret/team/x", "secret/team/", "x")]
    [InlineData("secret/teams", "secret/", "teams")]
    [InlineData("sys/health", "sys/", "health")]
    [InlineData("sys", "sys/", "")]
    [InlineData("auth/token/lookup-self", "auth/token/", "lookup-self")]
    public void Match_LongestPrefixWins(string path, string mount, string relative)
    {
        var match = Table.Match(path);
        Assert.NotNull(match);
        Assert.Equal(mount, match.MountPoint);
        Assert.Equal(relative, match.RelativePath);
    }

    [Theory]
    [InlineData("secretx/a")]
    [InlineData("auth/userpass/login/a")]
    [InlineData("")]
    public void Match_NoMount_ReturnsNull(string path)
    {
        Assert.Null(Table.Match(path));
    }

    [Fact]
    public void Router_Publish_SwapsTheTable()
    {
        var router = new Router();
        Assert.Null(router.Route("sys/health"));
        router.Publish(Table);
        Assert.Equal("sys/", router.Route("sys/health")?.MountPoint);
        router.Publish(RouteTableSnapshot.Empty);
        Assert.Null(router.Route("sys/health"));
    }

    [Fact]
    public void Router_Unpublished_AnswersSealedUntilTheNextPublish()
    {
        var router = new Router();
        router.Publish(Table);

        router.Unpublish();

        Assert.Equal(503, Assert.Throws<LogicalException>(() => router.Route("sys/health")).StatusCode);
        Assert.Empty(router.Snapshot.Entries);
        router.Publish(Table);
        Assert.Equal("sys/", router.Route("sys/health")?.MountPoint);
    }

    private static RouteEntry Entry(string mount) => new(mount, new NullBackend(), new NullStorage());

    private sealed class NullBackend : ILogicalBackend
    {
        public IReadOnlyList<string> UnauthenticatedPaths => [];

        public IReadOnlyList<string> RootPaths => [];

        public Task<LogicalResponse?> HandleRequestAsync(LogicalRequest request, CancellationToken ct = default) => Task.FromResult<LogicalResponse?>(null);

        public Task<ExistenceCheckResult> ExistenceCheckAsync(LogicalRequest request, CancellationToken ct = default) => Task.FromResult(ExistenceCheckResult.NotChecked);
    }

    private sealed class NullStorage : IStorage
    {
        public Task<byte[]?> GetAsync(string key, CancellationToken ct = default) => Task.FromResult<byte[]?>(null);

        public Task PutAsync(string key, ReadOnlyMemory<byte> value, CancellationToken ct = default) => Task.CompletedTask;

        public Task DeleteAsync(string key, CancellationToken ct = default) => Task.CompletedTask;

        public Task<IReadOnlyList<string>> ListAsync(string prefix, CancellationToken ct = default) => Task.FromResult<IReadOnlyList<string>>([]);
    }
}
