namespace SecretVault.IntegrationTests.Fixtures;

/// <summary>
/// Clients that each send requests in a loop until stopped, to race a lifecycle transition. A step gets its client's
/// number and its own sequence number and answers whether the server acknowledged the request.
/// </summary>
public sealed class ClientSwarm
{
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _acks = new(0);
    private readonly Task[] _loops;

    private ClientSwarm(int clients, Func<int, int, Task<bool>> step)
    {
        _loops = [.. Enumerable.Range(0, clients).Select(client => Task.Run(() => LoopAsync(client, step)))];
    }

    /// <summary>Starts <paramref name="clients"/> loops of <paramref name="step"/>.</summary>
    public static ClientSwarm Start(int clients, Func<int, int, Task<bool>> step) => new(clients, step);

    /// <summary>Waits until the clients have had <paramref name="count"/> more requests acknowledged.</summary>
    public async Task WaitForAcksAsync(int count, TimeSpan timeout)
    {
        // Only acknowledgements from now on count.
        while (_acks.Wait(0))
        {
        }

        for (var i = 0; i < count; i++)
        {
            if (!await _acks.WaitAsync(timeout))
            {
                throw new TimeoutException($"the clients had {i} of {count} requests acknowledged in {timeout}");
            }
        }
    }

    /// <summary>Stops the loops, waits for the requests in flight, and rethrows a loop's failure.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_loops);
    }

    private async Task LoopAsync(int client, Func<int, int, Task<bool>> step)
    {
        for (var n = 0; !_stop.IsCancellationRequested; n++)
        {
            if (await step(client, n))
            {
                _acks.Release();
            }
        }
    }
}
