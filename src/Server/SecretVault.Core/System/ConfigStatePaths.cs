using SecretVault.Sdk.Framework;
using SecretVault.Sdk.Logical;

namespace SecretVault.Core.System;

/// <summary>
/// <c>sys/config/state/sanitized</c>: the server's configuration as Vault answers it, with <c>sudo</c>. The host
/// builds the sanitized form (<see cref="VaultOptions.SanitizedConfig"/>): storage settings and secrets never reach it.
/// </summary>
public sealed class ConfigStatePaths
{
    /// <summary>Paths (relative to <c>sys/</c>) that need a token with <c>sudo</c>.</summary>
    public static readonly IReadOnlyList<string> RootPaths = ["config/state/sanitized"];

    private readonly VaultOptions _options;

    public ConfigStatePaths(VaultOptions options)
    {
        _options = options;
    }

    /// <summary>The path definitions, relative to <c>sys/</c>.</summary>
    public IReadOnlyList<PathDefinition> Define() =>
    [
        new PathDefinition
        {
            Pattern = "config/state/sanitized",
            Operations = new Dictionary<Operation, PathHandler>
            {
                [Operation.Read] = (request, data, ct) => Task.FromResult<LogicalResponse?>(LogicalResponse.WithData(new Dictionary<string, object?>(_options.SanitizedConfig))),
            },
            HelpSynopsis = "Returns the server's configuration with secrets removed.",
        },
    ];
}
