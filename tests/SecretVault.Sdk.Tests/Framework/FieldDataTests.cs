using System.Text.Json;
using SecretVault.Sdk.Framework;
using SecretVault.Sdk.Logical;

namespace SecretVault.Sdk.Tests.Framework;

public sealed class FieldDataTests
{
    [Theory]
    [InlineData("""{"a":"\ud800"}""")]
    [InlineData("""{"\udc00":"b"}""")]
    [InlineData("""{"a":""")]
    public void GetStringMap_StringHoldingBadJson_Is400NamingTheField(string inner)
    {
        // Issue 14 item 8: a lone surrogate in the inner JSON threw InvalidOperationException (a 500).
        var data = new FieldData(
            new Dictionary<string, JsonElement> { ["metadata"] = JsonSerializer.SerializeToElement(inner) },
            new Dictionary<string, string>(),
            new Dictionary<string, FieldSchema>());
        var ex = Assert.Throws<LogicalException>(() => data.GetStringMap("metadata"));
        Assert.Equal((400, "invalid value for field \"metadata\": expected a map of strings"), (ex.StatusCode, ex.Message));
    }
}
