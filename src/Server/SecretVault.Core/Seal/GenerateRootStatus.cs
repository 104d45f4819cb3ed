namespace SecretVault.Core.Seal;

/// <summary>The state of a root token generation attempt, as <c>sys/generate-root/*</c> answers it.</summary>
public sealed record GenerateRootStatus
{
    public bool Started { get; init; }

    public string Nonce { get; init; } = "";

    public int Progress { get; init; }

    public int Required { get; init; }

    public bool Complete { get; init; }

    /// <summary>The new root token XOR the OTP, on the call that completes the attempt only.</summary>
    public string EncodedToken { get; init; } = "";

    /// <summary>The server-generated OTP, on the call that starts the attempt only.</summary>
    public string Otp { get; init; } = "";

    public int OtpLength { get; init; }
}
