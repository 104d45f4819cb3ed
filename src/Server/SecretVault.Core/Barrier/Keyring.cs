using System.Security.Cryptography;
using System.Text.Json.Serialization;
using SecretVault.Sdk.Storage;

namespace SecretVault.Core.Barrier;

/// <summary>
/// The root key and every data key term. Immutable: a change returns a new keyring, so readers
/// never lock; the barrier swaps the instance and zeroes the old keys on seal.
/// </summary>
internal sealed class Keyring
{
    private readonly Dictionary<uint, KeyTerm> _terms;

    private Keyring(byte[] rootKey, Dictionary<uint, KeyTerm> terms, uint activeTerm, KeyRotationConfig rotation)
    {
        RootKey = rootKey;
        _terms = terms;
        ActiveTerm = activeTerm;
        Rotation = rotation;
    }

    public byte[] RootKey { get; }

    public uint ActiveTerm { get; }

    public KeyTerm Active => _terms[ActiveTerm];

    public IReadOnlyCollection<KeyTerm> Terms => _terms.Values;

    public KeyRotationConfig Rotation { get; }

    /// <summary>A keyring with one random term.</summary>
    public static Keyring Create(ReadOnlySpan<byte> rootKey, DateTimeOffset now, long reserved) =>
        new(Pinned(rootKey), new Dictionary<uint, KeyTerm> { [1] = new KeyTerm(1, PinnedKey.New(), now, reserved) }, 1, new KeyRotationConfig());

    public KeyTerm? Find(uint term) => _terms.GetValueOrDefault(term);

    /// <summary>A copy with a new random term that becomes active.</summary>
    public Keyring AddTerm(DateTimeOffset now, long reserved)
    {
        var term = _terms.Keys.Max() + 1;
        return new Keyring(RootKey, new Dictionary<uint, KeyTerm>(_terms) { [term] = new KeyTerm(term, PinnedKey.New(), now, reserved) }, term, Rotation);
    }

    /// <summary>A copy whose active term has <paramref name="reserved"/> encryptions reserved.</summary>
    public Keyring WithReservation(long reserved) =>
        new(RootKey, new Dictionary<uint, KeyTerm>(_terms) { [ActiveTerm] = Active with { ReservedEncryptions = reserved } }, ActiveTerm, Rotation);

    /// <summary>A copy that records <paramref name="encryptions"/> as the active term's exact count.</summary>
    public Keyring WithEncryptions(long encryptions) =>
        new(RootKey, new Dictionary<uint, KeyTerm>(_terms) { [ActiveTerm] = Active with { Encryptions = encryptions } }, ActiveTerm, Rotation);

    /// <summary>A copy with other automatic rotation settings.</summary>
    public Keyring WithRotation(KeyRotationConfig rotation) => new(RootKey, _terms, ActiveTerm, rotation);

    /// <summary>A copy under another root key; the terms are shared, the root key is a new pinned copy.</summary>
    public Keyring WithRootKey(ReadOnlySpan<byte> rootKey) => new(Pinned(rootKey), _terms, ActiveTerm, Rotation);

    /// <summary>Zeroes only the root key (the terms live on in the keyring that replaced this one).</summary>
    public void ZeroRootKey() => CryptographicOperations.ZeroMemory(RootKey);

    /// <summary>The keyring as JSON; the caller zeroes the bytes after encrypting them.</summary>
    public byte[] Serialize() => StoredJson.Serialize(new StoredKeyring
    {
        RootKey = RootKey,
        ActiveTerm = ActiveTerm,
        Terms = [.. _terms.Values.OrderBy(t => t.Term).Select(t => new StoredTerm { Term = t.Term, Key = t.Key, InstallTime = t.InstallTime, Reserved = t.ReservedEncryptions, Encryptions = t.Encryptions })],
        Rotation = new StoredRotation { MaxOperations = Rotation.MaxOperations, IntervalSeconds = (long)Rotation.Interval.TotalSeconds, Disabled = !Rotation.Enabled },
    });

    public static Keyring Deserialize(ReadOnlySpan<byte> json)
    {
        var stored = StoredJson.Deserialize<StoredKeyring>(json) ?? throw new BarrierIntegrityException("the keyring is empty");
        try
        {
            var terms = stored.Terms.ToDictionary(t => t.Term, t => new KeyTerm(t.Term, Pinned(t.Key), t.InstallTime, t.Reserved, Math.Max(0, t.Encryptions)));
            if (!terms.ContainsKey(stored.ActiveTerm))
            {
                throw new BarrierIntegrityException("the keyring's active term is missing");
            }

            // Values no API accepts (a missing or zero count, a negative interval) read as the defaults: a stored 0 must
            // not make every write rotate.
            var defaults = new KeyRotationConfig();
            var rotation = stored.Rotation is { } r
                ? new KeyRotationConfig
                {
                    MaxOperations = r.MaxOperations > 0 ? r.MaxOperations : defaults.MaxOperations,
                    Interval = r.IntervalSeconds > 0 ? TimeSpan.FromSeconds(r.IntervalSeconds) : TimeSpan.Zero,
                    Enabled = !r.Disabled,
                }
                : defaults;
            return new Keyring(Pinned(stored.RootKey), terms, stored.ActiveTerm, rotation);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(stored.RootKey);
            foreach (var term in stored.Terms)
            {
                CryptographicOperations.ZeroMemory(term.Key);
            }
        }
    }

    /// <summary>Overwrites every key with zeros.</summary>
    public void Zero()
    {
        CryptographicOperations.ZeroMemory(RootKey);
        foreach (var term in _terms.Values)
        {
            CryptographicOperations.ZeroMemory(term.Key);
        }
    }

    private static byte[] Pinned(ReadOnlySpan<byte> source)
    {
        var copy = GC.AllocateArray<byte>(source.Length, pinned: true);
        source.CopyTo(copy);
        return copy;
    }

    private sealed class StoredKeyring
    {
        [JsonPropertyName("root_key")]
        public byte[] RootKey { get; set; } = [];

        [JsonPropertyName("active_term")]
        public uint ActiveTerm { get; set; }

        [JsonPropertyName("terms")]
        public List<StoredTerm> Terms { get; set; } = [];

        // Absent in keyrings written before sys/rotate/config existed: the defaults apply.
        [JsonPropertyName("rotation")]
        public StoredRotation? Rotation { get; set; }
    }

    private sealed class StoredRotation
    {
        [JsonPropertyName("max_operations")]
        public long MaxOperations { get; set; }

        [JsonPropertyName("interval_seconds")]
        public long IntervalSeconds { get; set; }

        [JsonPropertyName("disabled")]
        public bool Disabled { get; set; }
    }

    private sealed class StoredTerm
    {
        [JsonPropertyName("term")]
        public uint Term { get; set; }

        [JsonPropertyName("key")]
        public byte[] Key { get; set; } = [];

        [JsonPropertyName("install_time")]
        public DateTimeOffset InstallTime { get; set; }

        [JsonPropertyName("reserved_encryptions")]
        public long Reserved { get; set; }

        // Absent in keyrings stored before the exact count was kept: read as 0.
        [JsonPropertyName("encryptions")]
        public long Encryptions { get; set; }
    }
}
