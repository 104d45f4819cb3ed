using SecretVault.Cli.Output;
using SecretVault.Client;

namespace SecretVault.Cli.Tests.Output;

public sealed class PrinterTests
{
    [Fact]
    public void Table_PadsKeysAndUsesVaultHeader()
    {
        var output = new StringWriter();
        new Printer(output, "table").Table([("Seal Type", "shamir"), ("Total Shares", "5")]);
        Assert.Equal(
            "Key             Value\n---             -----\nSeal Type       shamir\nTotal Shares    5\n",
            output.ToString().Replace("\r\n", "\n", StringComparison.Ordinal));
    }

    [Fact]
    public void Json_IsIndented()
    {
        var output = new StringWriter();
        new Printer(output, "json").Json(new { a = 1 });
        Assert.Contains("\n  \"a\": 1", output.ToString().Replace("\r\n", "\n", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void Json_EscapesAsVault_PlusAndQuoteRaw_HtmlAndSeparatorsEscaped()
    {
        var output = new StringWriter();
        new Printer(output, "json").Json(new Dictionary<string, string> { ["v"] = "a+b'c<d>&e\u2028 é 😀\n" });
        Assert.Equal("{\n  \"v\": \"a+b'c\\u003cd\\u003e\\u0026e\\u2028 é 😀\\n\"\n}\n", output.ToString().Replace("\r\n", "\n", StringComparison.Ordinal));
    }

    [Fact]
    public void ApiError_IsRenderedAsVaultDoes()
    {
        var error = new VaultApiException(400, ["bad thing"], "PUT", new Uri("http://127.0.0.1:8200/v1/sys/unseal"));
        Assert.Equal(
            "Error unsealing: Error making API request.\n\nURL: PUT http://127.0.0.1:8200/v1/sys/unseal\nCode: 400. Errors:\n\n* bad thing",
            ApiErrorText.Format("unsealing", error).Replace("\r\n", "\n", StringComparison.Ordinal));
    }
}
