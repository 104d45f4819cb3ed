using SecretVault.Server.Http;

namespace SecretVault.Server.Tests.Http;

public sealed class RawPathValidatorTests
{
    [Theory]
    [InlineData("/v1/sys/health", "sys/health")]
    [InlineData("/v1/secret/data/a%20b?version=2", "secret/data/a b")]
    [InlineData("/v1/secret/metadata/", "secret/metadata/")]
    [InlineData("/v1/secret/data/caf%C3%A9", "secret/data/café")]
    public void Validate_GoodPath_ReturnsDecodedPath(string raw, string expected)
    {
        Assert.Equal(expected, RawPathValidator.Validate(raw, out var error));
        Assert.Equal("", error);
    }

    [Theory]
    [InlineData("/v1/a/../b")]
    [InlineData("/v1/a/%2e%2e/b")]
    [InlineData("/v1/a/%2E./b")]
    [InlineData("/v1/a/./b")]
    [InlineData("/v1/a//b")]
    [InlineData("/v1/a%2fb")]
    [InlineData("/v1/a%5cb")]
    [InlineData("/v1/a\\..\\b")]
    [InlineData("/v1/a%00b")]
    [InlineData("/v1/a%0ab")]
    [InlineData("/v1/a/%c0%ae%c0%ae/b")]
    [InlineData("/v2/a")]
    [InlineData("/v1/a/..")]
    public void Validate_BadPath_ReturnsNullWithError(string raw)
    {
        Assert.Null(RawPathValidator.Validate(raw, out var error));
        Assert.NotEmpty(error);
    }
}
