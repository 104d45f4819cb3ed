using SecretVault.Core.Barrier;
using SecretVault.Sdk.Logical;
using SecretVault.Testing.Hosting;

namespace SecretVault.Core.Tests.Hosting;

/// <summary>The core test host drives the whole core: tokens, seal, key status and time, with no server and no sleeps.</summary>
public sealed class CoreTestHostTests
{
    [Fact]
    public async Task TokenWithTtl_IsRevokedWhenTheClockPassesIt()
    {
        await using var host = await CoreTestHost.StartAsync();
        var created = (await host.SendAsync(Operation.Update, "auth/token/create", new { policies = new[] { "default" }, ttl = "1h" })).EnsureSuccess();
        var token = created.ClientToken!;

        await host.AdvanceAsync(TimeSpan.FromMinutes(59));
        Assert.Equal(200, (await host.SendAsync(Operation.Read, "auth/token/lookup-self", token: token)).Status);
        await host.AdvanceAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(403, (await host.SendAsync(Operation.Read, "auth/token/lookup-self", token: token)).Status);
        Assert.Equal(200, (await host.SendAsync(Operation.Read, "auth/token/lookup-self")).Status);
    }

    [Fact]
    public async Task Sealed_Answers503_AndUnsealServesAgain()
    {
        await using var host = await CoreTestHost.StartAsync();
        (await host.SendAsync(Operation.Update, "cubbyhole/note", new { value = "kept" })).EnsureSuccess();

        await host.SealAsync();
        Assert.Equal(503, (await host.SendAsync(Operation.Read, "cubbyhole/note")).Status);
        await host.UnsealAsync();
        Assert.Equal("kept", (await host.SendAsync(Operation.Read, "cubbyhole/note")).EnsureSuccess().Text("value"));
        Assert.Equal(403, (await host.SendAsync(Operation.Read, "cubbyhole/note", token: CoreTestHost.NoToken)).Status);
    }

    [Fact]
    public async Task KeyStatus_ReportsTheEncryptionsMade_AndKeepsThemAcrossARestart()
    {
        var host = await CoreTestHost.StartAsync();
        var before = (await host.SendAsync(Operation.Read, "sys/key-status")).EnsureSuccess().Number("encryptions");
        Assert.InRange(before, 1, new BarrierOptions().CounterReserveBlock - 1);
        for (var i = 0; i < 5; i++)
        {
            (await host.SendAsync(Operation.Update, $"cubbyhole/e{i}", new { value = i })).EnsureSuccess();
        }

        var after = (await host.SendAsync(Operation.Read, "sys/key-status")).EnsureSuccess().Number("encryptions");
        Assert.True(after >= before + 5, $"{after} after five writes, {before} before");
        Assert.InRange(after, 1, new BarrierOptions().CounterReserveBlock - 1);

        await using var restarted = await host.RestartAsync();
        var resumed = (await restarted.SendAsync(Operation.Read, "sys/key-status")).EnsureSuccess().Number("encryptions");
        Assert.InRange(resumed, after, new BarrierOptions().CounterReserveBlock - 1);
    }
}
