namespace SecretVault.Core.Policies;

/// <summary>A value of the policy syntax tree, the same for HCL and JSON, with where it was written.</summary>
public sealed record PolicyNode(PolicyNodeKind Kind, int Line, int Column)
{
    public string Text { get; init; } = "";

    public IReadOnlyList<PolicyNode> Items { get; init; } = [];

    /// <summary>Object members in order; HCL blocks (<c>path "x" { }</c>) appear as a member named <c>path</c> whose value is an object keyed by the label.</summary>
    public IReadOnlyList<(string Key, PolicyNode Value)> Members { get; init; } = [];
}
