namespace SecretVault.Sdk.Logical;

/// <summary>A mount's options as a client asks to set them, given to <see cref="ILogicalBackendFactory.NormalizeOptions"/>.</summary>
public sealed record MountOptionsChange
{
    private static readonly IReadOnlyDictionary<string, string> NoOptions = new Dictionary<string, string>();

    /// <summary>The mount's type as the mount table holds it (an alias that keeps its name, such as <c>generic</c>, included).</summary>
    public required string Type { get; init; }

    /// <summary>True when the mount is being enabled, false when a tune changes its options.</summary>
    public required bool IsEnable { get; init; }

    /// <summary>The options the mount has now; empty when it is being enabled.</summary>
    public IReadOnlyDictionary<string, string> Current { get; init; } = NoOptions;

    /// <summary>
    /// The options the mount would have after the change (on a tune: the current ones with the changes merged); null
    /// when a mount is enabled without options.
    /// </summary>
    public IReadOnlyDictionary<string, string>? Requested { get; init; }
}
