using System.Security.Cryptography;
using System.Text.Json.Serialization;

namespace SecretVault.Plugins.Transit.Keys;

/// <summary>
/// One version of a key. <see cref="Key"/> holds the type's secret: the cipher key, an Ed25519 seed, a PKCS#8
/// private key (RSA, ECDSA) or an ML-DSA private key encoding; <see cref="HmacKey"/> is the version's own HMAC key.
/// </summary>
internal sealed class KeyVersion
{
    private object? _handle;
    private EncryptionCounter? _counter;

    public required int Version { get; init; }

    public required DateTimeOffset CreationTime { get; init; }

    public byte[]? Key { get; init; }

    public required byte[] HmacKey { get; init; }

    /// <summary>SubjectPublicKeyInfo DER for RSA and ECDSA; the raw encoding for Ed25519 and ML-DSA.</summary>
    public byte[]? PublicKey { get; init; }

    /// <summary>The loaded private key object (an <c>ECDsa</c>, <c>RSA</c> or BouncyCastle parameters), built once.</summary>
    public T Handle<T>(Func<KeyVersion, T> load)
        where T : class
    {
        if (Volatile.Read(ref _handle) is T loaded)
        {
            return loaded;
        }

        var created = load(this);
        var winner = Interlocked.CompareExchange(ref _handle, created, null);
        if (winner is null)
        {
            return created;
        }

        (created as IDisposable)?.Dispose();
        return (T)winner;
    }

    /// <summary>This version's encryption count in this process, started from <paramref name="reserved"/> on first use.</summary>
    public EncryptionCounter Counter(long reserved)
    {
        if (Volatile.Read(ref _counter) is { } counter)
        {
            return counter;
        }

        Interlocked.CompareExchange(ref _counter, new EncryptionCounter(reserved), null);
        return _counter!;
    }

    /// <summary>Zeroes the secret bytes and frees the loaded key.</summary>
    public void Zero()
    {
        if (Key is not null)
        {
            CryptographicOperations.ZeroMemory(Key);
        }

        CryptographicOperations.ZeroMemory(HmacKey);
        (Interlocked.Exchange(ref _handle, null) as IDisposable)?.Dispose();
    }

    [JsonIgnore]
    public long UnixCreationTime => CreationTime.ToUnixTimeSeconds();
}
