using SecretVault.Sdk.Logical;

namespace SecretVault.Sdk.Framework;

/// <summary>
/// One row of a plugin's path table: the pattern (a regular expression, anchored at both ends,
/// whose named groups become fields), the fields, the handler per operation, the existence check
/// and the help text. The same table drives routing, validation and <c>?help=1</c>.
/// </summary>
public sealed record PathDefinition
{
    /// <summary>The pattern relative to the mount, for example <c>keys/(?&lt;name&gt;[^/]+)</c>.</summary>
    public required string Pattern { get; init; }

    /// <summary>The fields the path accepts.</summary>
    public IReadOnlyDictionary<string, FieldSchema> Fields { get; init; } = new Dictionary<string, FieldSchema>();

    /// <summary>The handler of each supported operation; any other operation is a 405.</summary>
    public required IReadOnlyDictionary<Operation, PathHandler> Operations { get; init; }

    /// <summary>Decides create versus update for writes; none means every write is an update.</summary>
    public ExistenceCheck? ExistenceCheck { get; init; }

    /// <summary>On a login path: the alias the request claims, for the core's user lockout (see <see cref="ILogicalBackend.LoginAliasOf"/>).</summary>
    public LoginAliasLookup? LoginAlias { get; init; }

    /// <summary>The secret type this path issues leases for (see <see cref="SecretDefinition"/>); null when it issues none.</summary>
    public string? IssuesLeaseOf { get; init; }

    /// <summary>
    /// How the handlers normalize a name captured from the path (group name to mapping), for names stored under
    /// another spelling than the one sent (<c>users/ALICE</c> acts on <c>alice</c>). The core authorizes the path with
    /// each name normalized as well as the path as sent, so a rule on the stored name cannot be bypassed by a spelling.
    /// The mapping must not throw: the handler still validates the name.
    /// </summary>
    public IReadOnlyDictionary<string, Func<string, string>> NormalizedNames { get; init; } = new Dictionary<string, Func<string, string>>();

    /// <summary>Accept any body field without the "ignored these unrecognized parameters" warning (KV v1 values).</summary>
    public bool TakesArbitraryFields { get; init; }

    /// <summary>One line of help.</summary>
    public string HelpSynopsis { get; init; } = "";

    /// <summary>Longer help, in Markdown.</summary>
    public string HelpDescription { get; init; } = "";
}
