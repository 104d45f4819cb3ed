using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;

// What one transit encrypt of 1 KiB costs without HTTP, JSON or routing: decode the base64 plaintext, a random
// 96-bit nonce, a fresh AesGcm (the engine makes one per call), nonce | ciphertext | tag, base64 with the prefix.
// Usage: TransitCeiling [seconds per row]. Prints "threads ops/s" rows for 1 and 2 threads.
var seconds = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 5;
var key = RandomNumberGenerator.GetBytes(32);
var plaintextBase64 = Convert.ToBase64String(Enumerable.Range(0, 1024).Select(i => (byte)i).ToArray());

foreach (var threads in new[] { 1, 2 })
{
    Run(threads, TimeSpan.FromSeconds(1));
    var total = Run(threads, TimeSpan.FromSeconds(seconds));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{threads} {total / seconds:F0}"));
}

long Run(int threads, TimeSpan duration)
{
    long total = 0;
    var workers = Enumerable.Range(0, threads).Select(_ => new Thread(() =>
    {
        long count = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration)
        {
            var plaintext = Convert.FromBase64String(plaintextBase64);
            var output = new byte[12 + plaintext.Length + 16];
            RandomNumberGenerator.Fill(output.AsSpan(0, 12));
            using (var aes = new AesGcm(key, 16))
            {
                aes.Encrypt(output.AsSpan(0, 12), plaintext, output.AsSpan(12, plaintext.Length), output.AsSpan(12 + plaintext.Length));
            }

            GC.KeepAlive("vault:v1:" + Convert.ToBase64String(output));
            count++;
        }

        Interlocked.Add(ref total, count);
    })).ToList();
    workers.ForEach(w => w.Start());
    workers.ForEach(w => w.Join());
    return total;
}
