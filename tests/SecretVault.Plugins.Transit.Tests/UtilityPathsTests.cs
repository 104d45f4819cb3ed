namespace SecretVault.Plugins.Transit.Tests;

public sealed class UtilityPathsTests
{
    private readonly TransitHarness _t = new();

    // FIPS 180-4 and FIPS 202 known answers for "abc".
    [Theory]
    [InlineData("sha2-224", "23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7")]
    [InlineData("sha2-256", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    [InlineData("sha2-384", "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7")]
    [InlineData("sha2-512", "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f")]
    [InlineData("sha3-224", "e642824c3f8cf24ad09234ee7d3c766fc9a3a5168d0c94ad73b46fdf")]
    [InlineData("sha3-256", "3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532")]
    [InlineData("sha3-384", "ec01498288516fc926459f58e2c6ad8df9b473cb0fc08c2596da7cf0e49be4b298d88cea927ac7f539f1edf228376d25")]
    [InlineData("sha3-512", "b751850b1a57168a5693cd924b6b096e08f621827444f70d884f5d0240d2712e10e116e9192af3c91a7ec57647e3934057340b4cf408d5a56592f8274eec53f0")]
    public async Task Hash_MatchesKnownAnswers_InTheUrlOrTheBody(string algorithm, string hex)
    {
        var input = TransitHarness.B64("abc");
        Assert.Equal(hex, (await _t.WriteAsync($"hash/{algorithm}", new { input })).GetProperty("sum").GetString());
        Assert.Equal(hex, (await _t.WriteAsync("hash", new { input, algorithm })).GetProperty("sum").GetString());
        Assert.Equal(Convert.ToBase64String(Convert.FromHexString(hex)), (await _t.WriteAsync($"hash/{algorithm}", new { input, format = "base64" })).GetProperty("sum").GetString());
    }

    [Fact]
    public async Task Hash_BadInput_Is400()
    {
        Assert.Equal("input missing", await _t.WriteErrorAsync("hash/md5", new { }));
        Assert.Equal("unsupported algorithm md5", await _t.WriteErrorAsync("hash/md5", new { input = "YQ==" }));
        Assert.Equal("unsupported algorithm sha1", await _t.WriteErrorAsync("hash/sha1", new { input = "YQ==" }));
        Assert.Equal("failed to base64-decode input", await _t.WriteErrorAsync("hash", new { input = "@@" }));
        Assert.Equal("unsupported encoding format octal; must be \"hex\" or \"base64\"", await _t.WriteErrorAsync("hash", new { input = "YQ==", format = "octal" }));
    }

    [Theory]
    [InlineData("random", null, 32)]
    [InlineData("random/64", null, 64)]
    [InlineData("random/all/16", null, 16)]
    [InlineData("random", 100, 100)]
    public async Task Random_ReturnsTheRequestedLength(string path, int? bytes, int expected)
    {
        var body = bytes is null ? (object)new { } : new { bytes };
        var first = Convert.FromBase64String((await _t.WriteAsync(path, body)).GetProperty("random_bytes").GetString()!);
        var second = Convert.FromBase64String((await _t.WriteAsync(path, body)).GetProperty("random_bytes").GetString()!);
        Assert.Equal(expected, first.Length);
        Assert.NotEqual(first, second);
        Assert.Equal(expected * 2, (await _t.WriteAsync(path, bytes is null ? new { format = "hex" } : new { bytes = (int?)bytes, format = "hex" })).GetProperty("random_bytes").GetString()!.Length);
    }

    [Fact]
    public async Task Random_OutOfRange_Is400()
    {
        Assert.Equal("\"bytes\" cannot be less than 1", await _t.WriteErrorAsync("random/0"));
        Assert.Equal("\"bytes\" cannot be less than 1", await _t.WriteErrorAsync("random", new { bytes = -1 }));
        Assert.Equal("\"bytes\" should be less than 131072", await _t.WriteErrorAsync("random", new { bytes = 200000 }));
        Assert.Equal("unsupported encoding format \"b32\"; must be \"hex\" or \"base64\"", await _t.WriteErrorAsync("random", new { format = "b32" }));
    }
}
