using System.Security.Cryptography;
using SecretVault.Core.Shamir;

namespace SecretVault.Core.Tests.Shamir;

public sealed class ShamirSecretSharingTests
{
    public static TheoryData<int> SharesUpToTen => new() { 2, 3, 4, 5, 6, 7, 8, 9, 10 };

    [Theory]
    [MemberData(nameof(SharesUpToTen))]
    public void Combine_EveryThresholdSubset_RebuildsTheSecret(int shares)
    {
        var secret = RandomNumberGenerator.GetBytes(32);
        for (var threshold = 2; threshold <= shares; threshold++)
        {
            var parts = ShamirSecretSharing.Split(secret, shares, threshold);
            Assert.All(parts, p => Assert.Equal(33, p.Length));
            foreach (var subset in Subsets(shares, threshold))
            {
                Assert.Equal(secret, ShamirSecretSharing.Combine([.. subset.Select(i => parts[i])]));
            }
        }
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(10)]
    [InlineData(128)]
    [InlineData(255)]
    public void Combine_SampledSubsetsOf255Shares_RebuildTheSecret(int threshold)
    {
        var secret = RandomNumberGenerator.GetBytes(32);
        var parts = ShamirSecretSharing.Split(secret, 255, threshold);
        Assert.Equal(255, parts.Select(p => p[^1]).Distinct().Count());
        for (var sample = 0; sample < 40; sample++)
        {
            var chosen = Enumerable.Range(0, 255).OrderBy(_ => RandomNumberGenerator.GetInt32(int.MaxValue)).Take(threshold);
            Assert.Equal(secret, ShamirSecretSharing.Combine([.. chosen.Select(i => parts[i])]));
        }
    }

    [Theory]
    [InlineData(3, 2)]
    [InlineData(5, 3)]
    [InlineData(10, 7)]
    public void Combine_FewerThanThreshold_NeverGivesTheSecret(int shares, int threshold)
    {
        var secret = RandomNumberGenerator.GetBytes(32);
        var parts = ShamirSecretSharing.Split(secret, shares, threshold);
        for (var size = 2; size < threshold; size++)
        {
            foreach (var subset in Subsets(shares, size))
            {
                Assert.NotEqual(secret, ShamirSecretSharing.Combine([.. subset.Select(i => parts[i])]));
            }
        }
    }

    [Fact]
    public void Split_SharesRevealNothingAlone_XCoordinateIsLastByteAndNonZero()
    {
        var secret = new byte[32];
        var parts = ShamirSecretSharing.Split(secret, 5, 3);
        Assert.All(parts, p => Assert.NotEqual(0, p[^1]));
        Assert.All(parts, p => Assert.NotEqual(secret, p[..^1]));
    }

    [Fact]
    public void Combine_DuplicateShare_IsRejected()
    {
        var parts = ShamirSecretSharing.Split(RandomNumberGenerator.GetBytes(32), 3, 2);
        var error = Assert.Throws<ShamirException>(() => ShamirSecretSharing.Combine([parts[0], parts[0].ToArray()]));
        Assert.Contains("duplicate", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Combine_SameXDifferentY_IsRejected()
    {
        var parts = ShamirSecretSharing.Split(RandomNumberGenerator.GetBytes(32), 3, 2);
        var forged = parts[1].ToArray();
        forged[^1] = parts[0][^1];
        Assert.Throws<ShamirException>(() => ShamirSecretSharing.Combine([parts[0], forged]));
    }

    [Fact]
    public void Combine_SharesOfDifferentLength_AreRejected()
    {
        var parts = ShamirSecretSharing.Split(RandomNumberGenerator.GetBytes(32), 3, 2);
        var error = Assert.Throws<ShamirException>(() => ShamirSecretSharing.Combine([parts[0], parts[1][1..]]));
        Assert.Contains("same length", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Combine_TooFewOrTooShort_IsRejected()
    {
        var parts = ShamirSecretSharing.Split(RandomNumberGenerator.GetBytes(32), 3, 2);
        Assert.Throws<ShamirException>(() => ShamirSecretSharing.Combine([parts[0]]));
        Assert.Throws<ShamirException>(() => ShamirSecretSharing.Combine([[1], [2]]));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 3)]
    [InlineData(256, 2)]
    [InlineData(5, 1)]
    public void Split_BadParameters_AreRejected(int parts, int threshold)
    {
        Assert.Throws<ShamirException>(() => ShamirSecretSharing.Split(new byte[32], parts, threshold));
    }

    private static IEnumerable<int[]> Subsets(int n, int k)
    {
        var indexes = Enumerable.Range(0, k).ToArray();
        while (true)
        {
            yield return [.. indexes];
            var i = k - 1;
            while (i >= 0 && indexes[i] == n - k + i)
            {
                i--;
            }

            if (i < 0)
            {
                yield break;
            }

            indexes[i]++;
            for (var j = i + 1; j < k; j++)
            {
                indexes[j] = indexes[j - 1] + 1;
            }
        }
    }
}
