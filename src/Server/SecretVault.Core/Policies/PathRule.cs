namespace SecretVault.Core.Policies;

/// <summary>One <c>path "..." { ... }</c> block of a policy.</summary>
public sealed record PathRule
{
    /// <summary>The path pattern as written (leading '/' removed): may end in '*' and hold '+' segments.</summary>
    public required string Pattern { get; init; }

    public Capability Capabilities { get; init; }

    /// <summary>Parameter name → allowed values ('*' globs at either end); an empty list allows any value.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> AllowedParameters { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>Parameter name → denied values; an empty list denies the parameter itself.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> DeniedParameters { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    public IReadOnlyList<string> RequiredParameters { get; init; } = [];

    public TimeSpan MinWrappingTtl { get; init; }

    public TimeSpan MaxWrappingTtl { get; init; }

    public bool Equals(PathRule? other) =>
        other is not null && Pattern == other.Pattern && Capabilities == other.Capabilities
        && RequiredParameters.SequenceEqual(other.RequiredParameters) && MinWrappingTtl == other.MinWrappingTtl && MaxWrappingTtl == other.MaxWrappingTtl
        && SameMap(AllowedParameters, other.AllowedParameters) && SameMap(DeniedParameters, other.DeniedParameters);

    public override int GetHashCode() => HashCode.Combine(Pattern, Capabilities);

    private static bool SameMap(IReadOnlyDictionary<string, IReadOnlyList<string>> a, IReadOnlyDictionary<string, IReadOnlyList<string>> b) =>
        a.Count == b.Count && a.All(p => b.TryGetValue(p.Key, out var v) && v.SequenceEqual(p.Value));
}
