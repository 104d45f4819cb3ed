using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SecretVault.Server.Logging;
using SecretVault.Testing.Time;

namespace SecretVault.Server.Tests.Logging;

public sealed class VaultLogFormatterTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 2, 3, 4, 5, 678, TimeSpan.Zero);

    [Theory]
    [InlineData(LogLevel.Information, "SecretVault.Core.VaultLifecycle", "core: vault is unsealed", "2026-01-02T03:04:05.678Z [INFO]  core: vault is unsealed\n")]
    [InlineData(LogLevel.Warning, "SecretVault.Core.X", "core: rekey 1 started", "2026-01-02T03:04:05.678Z [WARN]  core: rekey 1 started\n")]
    [InlineData(LogLevel.Error, "SecretVault.Core.X", "expiration: failed", "2026-01-02T03:04:05.678Z [ERROR] expiration: failed\n")]
    [InlineData(LogLevel.Debug, "SecretVault.Core.X", "core: d", "2026-01-02T03:04:05.678Z [DEBUG] core: d\n")]
    [InlineData(LogLevel.Trace, "SecretVault.Core.X", "core: t", "2026-01-02T03:04:05.678Z [TRACE] core: t\n")]
    [InlineData(LogLevel.Warning, "Microsoft.AspNetCore.Server.Kestrel", "Heartbeat took long", "2026-01-02T03:04:05.678Z [WARN]  http: Heartbeat took long\n")]
    public void Standard_IsHclogsLine_WithoutTheCategory(LogLevel level, string category, string message, string expected)
    {
        Assert.Equal(expected, Format(json: false, level, category, message, null));
    }

    [Fact]
    public void Json_IsOneObjectPerLine_WithVaultsKeys()
    {
        var line = Format(json: true, LogLevel.Warning, "SecretVault.Core.X", "core: rekey <1> started", null);
        Assert.EndsWith("\n", line, StringComparison.Ordinal);
        Assert.Equal(
            "{\"@level\":\"warn\",\"@message\":\"rekey \\u003c1\\u003e started\",\"@module\":\"core\",\"@timestamp\":\"2026-01-02T03:04:05.678000Z\"}\n",
            line);
        using var parsed = JsonDocument.Parse(line);
        Assert.Equal("core", parsed.RootElement.GetProperty("@module").GetString());
    }

    [Fact]
    public void Exception_IsNamedByTypeOnly_ItsMessageAndStackStayOut()
    {
        var standard = Format(json: false, LogLevel.Error, "SecretVault.Server.Http.VaultApiEndpoint", "http: request r1 failed", new InvalidOperationException("secret-ish detail"));
        Assert.Equal("2026-01-02T03:04:05.678Z [ERROR] http: request r1 failed: error=InvalidOperationException\n", standard);
        var json = Format(json: true, LogLevel.Error, "x", "http: failed", new InvalidOperationException("secret-ish detail"));
        Assert.DoesNotContain("secret-ish", json, StringComparison.Ordinal);
        Assert.Contains("\"error\":\"InvalidOperationException\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void MessageWithoutModule_HasNoModuleKey()
    {
        var json = Format(json: true, LogLevel.Information, "SecretVault.Other", "Plain words, no prefix", null);
        Assert.DoesNotContain("@module", json, StringComparison.Ordinal);
        Assert.Contains("\"@message\":\"Plain words, no prefix\"", json, StringComparison.Ordinal);
    }

    private static string Format(bool json, LogLevel level, string category, string message, Exception? exception)
    {
        var formatter = new VaultLogFormatter(json, new ManualTimeProvider(Now));
        using var output = new StringWriter();
        formatter.Write(new LogEntry<string>(level, category, default, message, exception, (s, _) => s), null, output);
        return output.ToString();
    }
}
