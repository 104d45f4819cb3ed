using SecretVault.Core.Barrier;
using SecretVault.Storage.File;

namespace SecretVault.CrashHost;

/// <summary>Writes <c>stream/N</c> forever and prints <c>ack N</c> once each put has returned (and so is durable).</summary>
public static class AckingWriter
{
    public static async Task<int> WriteForeverAsync(string dataDir, byte[] rootKey, long start)
    {
        var barrier = new AesGcmBarrier(new FileBackend(dataDir), TimeProvider.System, new BarrierOptions { CounterReserveBlock = 50 });
        if (!await barrier.IsInitializedAsync())
        {
            await barrier.InitializeAsync(rootKey);
        }

        await barrier.UnsealAsync(rootKey);
        Console.Out.WriteLine("ready");
        Console.Out.Flush();
        for (var index = start; ; index++)
        {
            await barrier.PutAsync(StreamValues.KeyOf(index), StreamValues.ValueOf(index));
            Console.Out.WriteLine($"ack {index}");
            Console.Out.Flush();
        }
    }
}
