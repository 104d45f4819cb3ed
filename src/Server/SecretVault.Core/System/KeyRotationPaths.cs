using Microsoft.Extensions.Logging;
using SecretVault.Core.Barrier;
using SecretVault.Sdk.Framework;
using SecretVault.Sdk.Logical;
using SecretVault.Sdk.Time;

namespace SecretVault.Core.System;

/// <summary>
/// <c>sys/rotate</c>, <c>sys/key-status</c> and <c>sys/rotate/config</c>, with OpenBao's newer names
/// <c>sys/rotate/keyring</c> and <c>sys/rotate/keyring/config</c>.
/// </summary>
public sealed partial class KeyRotationPaths
{
    /// <summary>Paths (relative to <c>sys/</c>) that need sudo, as Vault's.</summary>
    public static readonly IReadOnlyList<string> RootPaths = ["rotate", "rotate/keyring"];

    private readonly ISecurityBarrier _barrier;
    private readonly ILogger<KeyRotationPaths> _log;

    public KeyRotationPaths(ISecurityBarrier barrier, ILogger<KeyRotationPaths> log)
    {
        _barrier = barrier;
        _log = log;
    }

    /// <summary>The path definitions, relative to <c>sys/</c>.</summary>
    public IReadOnlyList<PathDefinition> Define() =>
    [
        new PathDefinition
        {
            Pattern = "rotate(/keyring)?",
            Operations = new Dictionary<Operation, PathHandler> { [Operation.Update] = RotateAsync },
            HelpSynopsis = "Adds a new barrier key term; new writes use it, old terms still decrypt.",
        },
        new PathDefinition
        {
            Pattern = "key-status",
            Operations = new Dictionary<Operation, PathHandler> { [Operation.Read] = KeyStatusAsync },
            HelpSynopsis = "The active barrier key term, its install time and its encryption count.",
        },
        new PathDefinition
        {
            Pattern = "rotate(/keyring)?/config",
            Fields = new Dictionary<string, FieldSchema>
            {
                ["max_operations"] = new(FieldType.Int),
                ["interval"] = new(FieldType.Duration),
                ["enabled"] = new(FieldType.Bool),
            },
            Operations = new Dictionary<Operation, PathHandler> { [Operation.Read] = ReadConfigAsync, [Operation.Update] = WriteConfigAsync },
            HelpSynopsis = "When the barrier adds a key term on its own: after max_operations encryptions or once a term is older than interval.",
        },
    ];

    private async Task<LogicalResponse?> RotateAsync(LogicalRequest request, FieldData data, CancellationToken ct)
    {
        var status = await _barrier.RotateAsync(ct).ConfigureAwait(false);
        LogRotated(_log, status.Term);
        return null;
    }

    private Task<LogicalResponse?> KeyStatusAsync(LogicalRequest request, FieldData data, CancellationToken ct)
    {
        var status = _barrier.ActiveKeyStatus;
        return Task.FromResult<LogicalResponse?>(new LogicalResponse
        {
            Data = new Dictionary<string, object?>
            {
                ["term"] = status.Term,
                ["install_time"] = Responses.EnvelopeWriter.Rfc3339(status.InstallTime),
                ["encryptions"] = status.Encryptions,
            },
            DuplicateDataAtTopLevel = true,
        });
    }

    private Task<LogicalResponse?> ReadConfigAsync(LogicalRequest request, FieldData data, CancellationToken ct)
    {
        var config = _barrier.RotationConfig;
        return Task.FromResult<LogicalResponse?>(new LogicalResponse
        {
            Data = new Dictionary<string, object?>
            {
                ["max_operations"] = config.MaxOperations,
                ["enabled"] = config.Enabled,
                ["interval"] = config.Interval > TimeSpan.Zero ? Durations.Format(config.Interval) : 0,
            },
            DuplicateDataAtTopLevel = true,
        });
    }

    private async Task<LogicalResponse?> WriteConfigAsync(LogicalRequest request, FieldData data, CancellationToken ct)
    {
        // Merged under the keyring lock, so two partial writes at once do not lose either.
        await _barrier.SetRotationConfigAsync(current => Validated(current with
        {
            MaxOperations = data.Has("max_operations") ? data.GetInt("max_operations") : current.MaxOperations,
            Interval = data.Has("interval") ? data.GetDuration("interval") : current.Interval,
            Enabled = data.Has("enabled") ? data.GetBool("enabled") : current.Enabled,
        }), ct).ConfigureAwait(false);
        return null;
    }

    private static KeyRotationConfig Validated(KeyRotationConfig config)
    {
        if (config.Interval != TimeSpan.Zero && config.Interval < KeyRotationConfig.MinimumInterval)
        {
            throw LogicalException.BadRequest($"interval must be greater or equal to {Durations.Format(KeyRotationConfig.MinimumInterval)}");
        }

        if (config.MaxOperations is < KeyRotationConfig.MinimumOperations or > KeyRotationConfig.MaximumOperations)
        {
            throw LogicalException.BadRequest($"max_operations must be in the range [{KeyRotationConfig.MinimumOperations},{KeyRotationConfig.MaximumOperations}]");
        }

        return config;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "core: installed a new barrier key: term {Term}")]
    private static partial void LogRotated(ILogger logger, uint term);
}
