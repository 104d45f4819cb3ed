using SecretVault.Core.Shamir;

namespace SecretVault.Core.Tests.Shamir;

public sealed class GaloisFieldTests
{
    [Theory]
    [InlineData(0x53, 0xCA, 0x01)]
    [InlineData(0x57, 0x83, 0xC1)]
    [InlineData(0x57, 0x13, 0xFE)]
    [InlineData(0x00, 0x77, 0x00)]
    [InlineData(0x01, 0x77, 0x77)]
    public void Multiply_KnownAesFieldProducts(byte a, byte b, byte expected)
    {
        Assert.Equal(expected, GaloisField.Multiply(a, b));
        Assert.Equal(expected, GaloisField.Multiply(b, a));
    }

    [Fact]
    public void Inverse_TimesValue_IsOneForEveryNonZeroElement()
    {
        for (var a = 1; a < 256; a++)
        {
            Assert.Equal(1, GaloisField.Multiply((byte)a, GaloisField.Inverse((byte)a)));
        }
    }

    [Fact]
    public void Divide_UndoesMultiply()
    {
        for (var a = 0; a < 256; a += 7)
        {
            for (var b = 1; b < 256; b += 11)
            {
                Assert.Equal((byte)a, GaloisField.Divide(GaloisField.Multiply((byte)a, (byte)b), (byte)b));
            }
        }
    }

    [Fact]
    public void Source_UsesNoLookupTables()
    {
        // CVE-2023-25000: table lookups leak through the cache; the field must be computed, not looked up.
        var fields = typeof(GaloisField).GetFields(global::System.Reflection.BindingFlags.Static | global::System.Reflection.BindingFlags.NonPublic | global::System.Reflection.BindingFlags.Public);
        Assert.DoesNotContain(fields, f => f.FieldType.IsArray);
    }
}
