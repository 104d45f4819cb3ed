using System.Globalization;
using SecretVault.Core.Barrier;
using SecretVault.Storage.File;

namespace SecretVault.CrashHost;

/// <summary>Reads every <c>stream/</c> key and prints <c>ok N</c> for intact values and <c>corrupt KEY</c> for anything else.</summary>
public static class StreamVerifier
{
    public static async Task<int> VerifyAsync(string dataDir, byte[] rootKey)
    {
        var barrier = new AesGcmBarrier(new FileBackend(dataDir), TimeProvider.System);
        await barrier.UnsealAsync(rootKey);
        var corrupt = 0;
        foreach (var name in await barrier.ListAsync("stream/"))
        {
            var index = long.Parse(name, CultureInfo.InvariantCulture);
            try
            {
                var value = await barrier.GetAsync("stream/" + name);
                if (value is not null && value.AsSpan().SequenceEqual(StreamValues.ValueOf(index)))
                {
                    Console.Out.WriteLine($"ok {index}");
                    continue;
                }
            }
            catch (BarrierIntegrityException)
            {
            }

            corrupt++;
            Console.Out.WriteLine($"corrupt {name}");
        }

        Console.Out.WriteLine("done");
        return corrupt == 0 ? 0 : 1;
    }
}
