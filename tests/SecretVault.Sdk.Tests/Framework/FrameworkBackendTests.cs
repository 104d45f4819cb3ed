using System.Text.Json;
using SecretVault.Sdk.Framework;
using SecretVault.Sdk.Logical;

namespace SecretVault.Sdk.Tests.Framework;

public sealed class FrameworkBackendTests
{
    [Fact]
    public async Task Handle_MatchingPath_PassesCapturesAndTypedFields()
    {
        var backend = new SampleBackend();
        var response = await backend.HandleRequestAsync(Request(Operation.Update, "items/alpha", new { count = "7", enabled = "true", ttl = "1m", tags = "a,b" }));
        Assert.NotNull(response?.Data);
        Assert.Equal("alpha", response.Data["name"]);
        Assert.Equal(7L, response.Data["count"]);
        Assert.Equal(true, response.Data["enabled"]);
        Assert.Equal(TimeSpan.FromMinutes(1), response.Data["ttl"]);
        Assert.Equal(new[] { "a", "b" }, (IReadOnlyList<string>)response.Data["tags"]!);
        Assert.Empty(response.Warnings);
    }

    [Fact]
    public async Task Handle_UnknownPath_Is404UnsupportedPath()
    {
        var error = await Assert.ThrowsAsync<LogicalException>(() => new SampleBackend().HandleRequestAsync(Request(Operation.Read, "nothing")));
        Assert.Equal(404, error.StatusCode);
        Assert.Equal(["unsupported path"], error.Errors);
    }

    [Fact]
    public async Task Handle_UnsupportedOperation_Is405()
    {
        var error = await Assert.ThrowsAsync<LogicalException>(() => new SampleBackend().HandleRequestAsync(Request(Operation.Delete, "items/a")));
        Assert.Equal(405, error.StatusCode);
    }

    [Fact]
    public async Task Handle_CreateWithoutCreateHandler_UsesUpdate()
    {
        var response = await new SampleBackend().HandleRequestAsync(Request(Operation.Create, "items/b", new { count = 1 }));
        Assert.Equal("b", response?.Data?["name"]);
    }

    [Fact]
    public async Task Handle_UnknownFields_AddIgnoredWarning()
    {
        var response = await new SampleBackend().HandleRequestAsync(Request(Operation.Update, "items/c", new { zeta = 1, alpha = 2 }));
        Assert.Equal(["Endpoint ignored these unrecognized parameters: [alpha zeta]"], response!.Warnings);
    }

    [Theory]
    [InlineData("{\"count\":\"seven\"}", "count")]
    [InlineData("{\"enabled\":\"yes-ish\"}", "enabled")]
    [InlineData("{\"ttl\":\"soon\"}", "ttl")]
    [InlineData("{\"tags\":{\"a\":1}}", "tags")]
    public async Task Handle_WrongType_Is400NamingFieldNotValue(string json, string field)
    {
        var data = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json)!;
        var request = new LogicalRequest { Id = "1", Operation = Operation.Update, Path = "items/x", Data = data };
        var error = await Assert.ThrowsAsync<LogicalException>(() => new SampleBackend().HandleRequestAsync(request));
        Assert.Equal(400, error.StatusCode);
        Assert.Contains($"\"{field}\"", error.Errors[0], StringComparison.Ordinal);
        Assert.DoesNotContain("seven", error.Errors[0], StringComparison.Ordinal);
        Assert.DoesNotContain("soon", error.Errors[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExistenceCheck_ReportsWhetherTargetExists()
    {
        var backend = new SampleBackend();
        Assert.Equal(new ExistenceCheckResult(true, true), await backend.ExistenceCheckAsync(Request(Operation.Update, "items/exists")));
        Assert.Equal(new ExistenceCheckResult(true, false), await backend.ExistenceCheckAsync(Request(Operation.Update, "items/new")));
    }

    [Fact]
    public async Task ExistenceCheck_UnknownPath_IsNotChecked_LeavingThe404ToTheHandler()
    {
        // The core runs the check before its ACL check: a 404 here told callers without rights which routes exist.
        Assert.Equal(ExistenceCheckResult.NotChecked, await new SampleBackend().ExistenceCheckAsync(Request(Operation.Update, "nothing")));
    }

    [Fact]
    public async Task Help_ReturnsSynopsis()
    {
        var response = await new SampleBackend().HandleRequestAsync(Request(Operation.Help, "items/a"));
        var help = Assert.IsType<Dictionary<string, object?>>(response!.RawBody);
        Assert.Contains("Sample items", (string)help["help"]!, StringComparison.Ordinal);
    }

    private static LogicalRequest Request(Operation operation, string path, object? data = null) => new()
    {
        Id = Guid.NewGuid().ToString(),
        Operation = operation,
        Path = path,
        Data = data is null ? new Dictionary<string, JsonElement>() : JsonSerializer.SerializeToElement(data).EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone()),
    };

    private sealed class SampleBackend : FrameworkBackend
    {
        protected override IReadOnlyList<PathDefinition> DefinePaths() =>
        [
            new PathDefinition
            {
                Pattern = "items/(?<name>[^/]+)",
                Fields = new Dictionary<string, FieldSchema>
                {
                    ["name"] = new(FieldType.String),
                    ["count"] = new(FieldType.Int),
                    ["enabled"] = new(FieldType.Bool),
                    ["ttl"] = new(FieldType.Duration),
                    ["tags"] = new(FieldType.CommaStringSlice),
                },
                Operations = new Dictionary<Operation, PathHandler>
                {
                    [Operation.Update] = (request, data, ct) => Task.FromResult<LogicalResponse?>(LogicalResponse.WithData(new Dictionary<string, object?>
                    {
                        ["name"] = data.GetString("name"),
                        ["count"] = data.GetInt("count"),
                        ["enabled"] = data.GetBool("enabled"),
                        ["ttl"] = data.GetDuration("ttl"),
                        ["tags"] = data.GetStrings("tags"),
                    })),
                },
                ExistenceCheck = (request, data, ct) => Task.FromResult(data.GetString("name") == "exists"),
                HelpSynopsis = "Sample items.",
            },
        ];
    }
}
