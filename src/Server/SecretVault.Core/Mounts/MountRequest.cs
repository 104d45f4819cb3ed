using SecretVault.Sdk.Logical;

namespace SecretVault.Core.Mounts;

/// <summary>What <c>POST sys/mounts/:path</c> and <c>POST sys/auth/:path</c> ask for.</summary>
public sealed record MountRequest
{
    public required BackendKind Kind { get; init; }

    public required string Path { get; init; }

    public required string Type { get; init; }

    public string Description { get; init; } = "";

    public MountConfigEntry Config { get; init; } = new();

    public IReadOnlyDictionary<string, string>? Options { get; init; }

    public bool Local { get; init; }

    public bool SealWrap { get; init; }
}
