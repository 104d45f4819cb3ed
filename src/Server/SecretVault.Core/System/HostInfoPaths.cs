using SecretVault.Sdk.Framework;
using SecretVault.Sdk.Logical;

namespace SecretVault.Core.System;

/// <summary>
/// <c>sys/host-info</c> (sudo, as Vault's): the host's CPUs, CPU times, root disk, identity and memory, in the shape
/// Vault returns (gopsutil's field names), read from /proc on Linux.
/// </summary>
public sealed class HostInfoPaths
{
    /// <summary>Paths (relative to <c>sys/</c>) that need sudo, as Vault's.</summary>
    public static readonly IReadOnlyList<string> RootPaths = ["host-info"];

    private readonly TimeProvider _time;

    public HostInfoPaths(TimeProvider time)
    {
        _time = time;
    }

    /// <summary>The path definitions, relative to <c>sys/</c>.</summary>
    public IReadOnlyList<PathDefinition> Define() =>
    [
        new PathDefinition
        {
            Pattern = "host-info",
            Operations = new Dictionary<Operation, PathHandler> { [Operation.Read] = ReadAsync },
            HelpSynopsis = "Information about the host: CPU, CPU times, disk, host and memory.",
        },
    ];

    private Task<LogicalResponse?> ReadAsync(LogicalRequest request, FieldData data, CancellationToken ct)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new LogicalException(500, "host info is only collected on Linux");
        }

        var proc = new ProcHostInfo("/proc");
        return Task.FromResult<LogicalResponse?>(new LogicalResponse
        {
            Data = new Dictionary<string, object?>
            {
                ["timestamp"] = Responses.EnvelopeWriter.Rfc3339(_time.GetUtcNow()),
                ["cpu"] = proc.Cpus(),
                ["cpu_times"] = proc.CpuTimes(),
                ["disk"] = new[] { ProcHostInfo.Disk("/") },
                ["host"] = proc.Host(),
                ["memory"] = proc.Memory(),
            },
        });
    }
}
