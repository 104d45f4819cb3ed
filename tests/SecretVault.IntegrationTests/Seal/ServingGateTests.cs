using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SecretVault.Core;
using SecretVault.IntegrationTests.Fixtures;

namespace SecretVault.IntegrationTests.Seal;

/// <summary>
/// Issue 15 item 1: unseal and seal are atomic for requests. While a participant still loads (unseal) or unloads
/// (seal), everything but the seal endpoints answers 503, although the barrier itself is open.
/// </summary>
public sealed class ServingGateTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Unseal_WhileATableStillLoads_AnswersSealedToEverythingButTheSealEndpoints()
    {
        var pausing = new PausingParticipant();
        await using var server = await TestServer.StartInMemoryAsync(services: s => s.AddSingleton<ILifecycleParticipant>(pausing));
        var (keys, root) = await server.InitAsync();
        pausing.PauseNext();

        var unseal = server.UnsealAsync(keys[0]);
        await pausing.Paused.WaitAsync(Timeout);
        await VaultHttp.ExpectAsync(server, root, HttpMethod.Get, "v1/sys/mounts", null, HttpStatusCode.ServiceUnavailable);
        var status = await VaultHttp.ExpectAsync(server, null, HttpMethod.Get, "v1/sys/seal-status", null, HttpStatusCode.OK);
        Assert.True(status.GetProperty("sealed").GetBoolean());
        pausing.Resume();

        Assert.False((await unseal.WaitAsync(Timeout)).GetProperty("sealed").GetBoolean());
        await VaultHttp.ExpectAsync(server, root, HttpMethod.Get, "v1/sys/mounts", null, HttpStatusCode.OK);
    }

    [Fact]
    public async Task Seal_WhileParticipantsUnload_AnswersSealedToARequestForAnExistingMount()
    {
        var pausing = new PausingParticipant();
        await using var server = await TestServer.StartInMemoryAsync(services: s => s.AddSingleton<ILifecycleParticipant>(pausing));
        var root = await server.InitAndUnsealAsync();
        await VaultHttp.ExpectAsync(server, root, HttpMethod.Put, "v1/cubbyhole/x", new { v = 1 }, HttpStatusCode.NoContent);
        pausing.PauseNext();

        var seal = VaultHttp.ExpectAsync(server, root, HttpMethod.Put, "v1/sys/seal", null, HttpStatusCode.NoContent);
        await pausing.Paused.WaitAsync(Timeout);
        await VaultHttp.ExpectAsync(server, root, HttpMethod.Get, "v1/cubbyhole/x", null, HttpStatusCode.ServiceUnavailable);
        pausing.Resume();

        await seal.WaitAsync(Timeout);
    }

    /// <summary>A participant (registered last: it loads last and unloads first) whose next unseal or seal waits until resumed.</summary>
    private sealed class PausingParticipant : ILifecycleParticipant
    {
        private readonly TaskCompletionSource _paused = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _resume = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _armed;

        public Task Paused => _paused.Task;

        public void PauseNext() => Volatile.Write(ref _armed, 1);

        public void Resume() => _resume.SetResult();

        public Task OnInitializeAsync(CancellationToken ct) => Task.CompletedTask;

        public async Task OnUnsealAsync(CancellationToken ct)
        {
            if (Interlocked.Exchange(ref _armed, 0) == 1)
            {
                _paused.SetResult();
                await _resume.Task.WaitAsync(Timeout, ct);
            }
        }

        public void OnSeal()
        {
            if (Interlocked.Exchange(ref _armed, 0) == 1)
            {
                _paused.SetResult();
                _resume.Task.Wait(Timeout);
            }
        }
    }
}
