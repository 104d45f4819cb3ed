namespace SecretVault.Core.Seal;

/// <summary>The state of a rekey, as <c>sys/rekey/init</c> answers it.</summary>
public sealed record RekeyStatus
{
    public bool Started { get; init; }

    public string Nonce { get; init; } = "";

    /// <summary>The new threshold.</summary>
    public int T { get; init; }

    /// <summary>The new number of shares.</summary>
    public int N { get; init; }

    /// <summary>Current shares given so far.</summary>
    public int Progress { get; init; }

    /// <summary>The current threshold: how many current shares authorize the rekey.</summary>
    public int Required { get; init; }

    public bool VerificationRequired { get; init; }

    /// <summary>Set once the new shares are out and wait for verification.</summary>
    public string VerificationNonce { get; init; } = "";

    /// <summary>New shares given so far to verification.</summary>
    public int VerificationProgress { get; init; }
}

/// <summary>What a share given to <c>sys/rekey/update</c> led to: progress, or the new shares.</summary>
public sealed record RekeyUpdateResult(RekeyStatus Status, IReadOnlyList<byte[]>? NewShares, string? Warning = null);
