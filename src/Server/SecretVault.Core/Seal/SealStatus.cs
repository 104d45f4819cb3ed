namespace SecretVault.Core.Seal;

/// <summary>The state behind <c>sys/seal-status</c> and <c>sys/health</c>.</summary>
public sealed record SealStatus
{
    public required bool Initialized { get; init; }

    public required bool Sealed { get; init; }

    public int Threshold { get; init; }

    public int Shares { get; init; }

    public int Progress { get; init; }

    public string Nonce { get; init; } = "";

    public string? ClusterName { get; init; }

    public string? ClusterId { get; init; }
}
