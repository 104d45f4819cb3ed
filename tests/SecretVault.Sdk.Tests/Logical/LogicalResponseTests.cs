using SecretVault.Sdk.Logical;

namespace SecretVault.Sdk.Tests.Logical;

public sealed class LogicalResponseTests
{
    [Fact]
    public void WithWarning_ReturnsCopy_LeavesOriginalUnchanged()
    {
        var original = new LogicalResponse { Warnings = ["first"], StatusCode = 202 };

        var warned = original.WithWarning("second");

        Assert.Equal(["first"], original.Warnings);
        Assert.Equal(["first", "second"], warned.Warnings);
        Assert.Equal(202, warned.StatusCode);
    }

    [Fact]
    public void Bytes_HoldsBodyContentTypeAndStatus_AndIsNotEmpty()
    {
        byte[] der = [0x30, 0x00, 0xff];

        var response = LogicalResponse.Bytes(der, "application/pkix-crl", 201);

        Assert.Equal(der, response.RawBytes!.Body.ToArray());
        Assert.Equal("application/pkix-crl", response.RawBytes.ContentType);
        Assert.Equal(201, response.StatusCode);
        Assert.False(response.IsEmpty);
    }

    [Fact]
    public void ToString_NamesShapeOnly_NeverData()
    {
        var response = LogicalResponse.WithData(new Dictionary<string, object?> { ["password"] = "hunter2" });

        Assert.DoesNotContain("hunter2", response.ToString(), StringComparison.Ordinal);
    }
}
