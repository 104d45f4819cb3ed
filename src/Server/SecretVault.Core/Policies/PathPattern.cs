using System.Text.RegularExpressions;

namespace SecretVault.Core.Policies;

/// <summary>
/// A policy path pattern: exact, a glob (trailing '*', a prefix match) and/or '+' segments (any one
/// segment), with Vault's priority order between two patterns that match the same path.
/// </summary>
internal sealed class PathPattern
{
    private readonly Regex? _regex;

    public PathPattern(string pattern)
    {
        Text = pattern;
        var segments = pattern.Split('/');
        SegmentWildcards = segments.Count(s => s == "+");
        IsGlob = pattern.EndsWith('*');
        IsExact = !IsGlob && SegmentWildcards == 0;
        var plus = segments.Length == 0 ? -1 : FirstSegmentWildcardOffset(segments);
        var star = IsGlob ? pattern.Length - 1 : -1;
        FirstWildcard = new[] { plus, star }.Where(i => i >= 0).DefaultIfEmpty(int.MaxValue).Min();
        if (!IsExact)
        {
            var body = IsGlob ? pattern[..^1] : pattern;
            var regex = string.Join("/", body.Split('/').Select(s => s == "+" ? "[^/]+" : Regex.Escape(s)));
            _regex = new Regex($"^{regex}{(IsGlob ? ".*" : "")}$", RegexOptions.CultureInvariant | RegexOptions.Singleline, TimeSpan.FromSeconds(1));
        }
    }

    public string Text { get; }

    public bool IsExact { get; }

    public bool IsGlob { get; }

    public int SegmentWildcards { get; }

    public int FirstWildcard { get; }

    public bool Matches(string path) => IsExact ? path == Text : _regex!.IsMatch(path);

    /// <summary>True when this pattern beats <paramref name="other"/> for a path both match (Vault's five rules, in order).</summary>
    public bool OutranksOrEquals(PathPattern other)
    {
        if (FirstWildcard != other.FirstWildcard)
        {
            return FirstWildcard > other.FirstWildcard;
        }

        if (IsGlob != other.IsGlob)
        {
            return !IsGlob;
        }

        if (SegmentWildcards != other.SegmentWildcards)
        {
            return SegmentWildcards < other.SegmentWildcards;
        }

        if (Text.Length != other.Text.Length)
        {
            return Text.Length > other.Text.Length;
        }

        return string.CompareOrdinal(Text, other.Text) >= 0;
    }

    private static int FirstSegmentWildcardOffset(string[] segments)
    {
        var offset = 0;
        foreach (var segment in segments)
        {
            if (segment == "+")
            {
                return offset;
            }

            offset += segment.Length + 1;
        }

        return -1;
    }
}
