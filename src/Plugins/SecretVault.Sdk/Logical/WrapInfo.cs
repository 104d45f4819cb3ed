namespace SecretVault.Sdk.Logical;

/// <summary>The envelope's <c>wrap_info</c>: the single-use token that holds a wrapped response.</summary>
public sealed record WrapInfo
{
    public required string Token { get; init; }

    public required string Accessor { get; init; }

    /// <summary>TTL in seconds.</summary>
    public required long Ttl { get; init; }

    public required DateTimeOffset CreationTime { get; init; }

    public required string CreationPath { get; init; }

    /// <summary>The accessor of the token inside a wrapped login response; empty otherwise.</summary>
    public string WrappedAccessor { get; init; } = "";
}
