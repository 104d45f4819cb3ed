using System.Net;
using SecretVault.IntegrationTests.Fixtures;

namespace SecretVault.IntegrationTests.Http;

/// <summary>Paths too long for the file backend are a 400 that says so (issue 14 items 8 and 11).</summary>
public sealed class LongPathTests
{
    [Theory]
    [InlineData(50, 99, "the path is longer than the file backend allows")]
    [InlineData(1, 5000, "a path segment is longer than the file backend allows")]
    public async Task KvPathTooLongForFileStorage_Is400NamingWhy(int segments, int segmentLength, string expected)
    {
        var data = Directory.CreateTempSubdirectory("sv-longpath-");
        try
        {
            await using var server = await TestServer.StartFileAsync(data.FullName);
            var root = await server.InitAndUnsealAsync();
            await VaultHttp.ExpectAsync(server, root, HttpMethod.Post, "v1/sys/mounts/secret", new { type = "kv", options = new { version = "2" } }, HttpStatusCode.NoContent);
            var path = "v1/secret/data/" + string.Join('/', Enumerable.Repeat(new string('x', segmentLength), segments));

            var errors = await VaultHttp.ExpectErrorsAsync(server, root, HttpMethod.Put, path, new { data = new { a = "b" } });
            Assert.Contains(expected, errors.Single(), StringComparison.Ordinal);
            await VaultHttp.ExpectErrorsAsync(server, root, HttpMethod.Get, path, null);
            await VaultHttp.ExpectAsync(server, root, HttpMethod.Get, "v1/sys/health", null, HttpStatusCode.OK);
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }
}
