using System.Text.Json;
using SecretVault.Sdk.Time;

namespace SecretVault.Sdk.Tests.Time;

public sealed class DurationsTests
{
    [Theory]
    [InlineData("3600", 3600)]
    [InlineData("30m", 1800)]
    [InlineData("1h30m", 5400)]
    [InlineData("1.5h", 5400)]
    [InlineData("768h", 2764800)]
    [InlineData("50d", 4320000)]
    [InlineData("500ms", 1)]
    [InlineData("0.5s", 1)]
    [InlineData("1ns", 1)]
    [InlineData("1.5s", 2)]
    [InlineData("1.1h", 3960)]
    [InlineData("-0.5s", -1)]
    [InlineData("0", 0)]
    [InlineData("", 0)]
    [InlineData("-5s", -5)]
    public void Parse_VaultDurations_GiveSeconds(string text, double seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), Durations.Parse(text));
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("5x")]
    [InlineData("hh")]
    [InlineData("999999999999h")]
    [InlineData("99999999999999")]
    public void Parse_Garbage_ThrowsWithoutEchoingTheValue(string text)
    {
        var error = Assert.Throws<FormatException>(() => Durations.Parse(text));
        Assert.DoesNotContain(text, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_JsonFraction_RoundsUpToAWholeSecond()
    {
        Assert.Equal(TimeSpan.FromSeconds(1), Durations.Parse(JsonSerializer.SerializeToElement(0.5)));
        Assert.Equal(TimeSpan.FromSeconds(3), Durations.Parse(JsonSerializer.SerializeToElement(2.01)));
    }

    [Fact]
    public void Parse_JsonNumberAndString_AreSeconds()
    {
        Assert.Equal(TimeSpan.FromSeconds(60), Durations.Parse(JsonSerializer.SerializeToElement(60)));
        Assert.Equal(TimeSpan.FromMinutes(2), Durations.Parse(JsonSerializer.SerializeToElement("2m")));
        Assert.Throws<FormatException>(() => Durations.Parse(JsonSerializer.SerializeToElement(new { a = 1 })));
    }

    [Theory]
    [InlineData(0, "0s")]
    [InlineData(2764800, "768h0m0s")]
    [InlineData(90, "1m30s")]
    [InlineData(12245, "3h24m5s")]
    public void Format_IsGoStyle(int seconds, string expected)
    {
        Assert.Equal(expected, Durations.Format(TimeSpan.FromSeconds(seconds)));
    }
}
