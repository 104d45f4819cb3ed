using SecretVault.Sdk.Framework;
using SecretVault.Sdk.Logical;

namespace SecretVault.Core.System;

/// <summary>
/// <c>sys/metrics</c>: the runtime's gauges in Vault's default JSON shape (go-metrics' in-memory dump:
/// Timestamp, Gauges, Counters, Samples, Points). Names follow Vault's <c>vault.runtime.*</c> where one
/// exists; .NET's GC generations are added. The Prometheus format is not served.
/// </summary>
public sealed class MetricsPaths
{
    private readonly TimeProvider _time;

    private readonly Leases.ExpirationManager _expiration;

    public MetricsPaths(TimeProvider time, Leases.ExpirationManager expiration)
    {
        _time = time;
        _expiration = expiration;
    }

    public IEnumerable<PathDefinition> Define() =>
    [
        new PathDefinition
        {
            Pattern = "metrics",
            Fields = new Dictionary<string, FieldSchema> { ["format"] = new(FieldType.String, "json (default); prometheus is not served.") },
            Operations = new Dictionary<Operation, PathHandler> { [Operation.Read] = ReadAsync },
            HelpSynopsis = "Runtime metrics: memory, garbage collections and threads.",
        },
    ];

    private Task<LogicalResponse?> ReadAsync(LogicalRequest request, FieldData data, CancellationToken ct)
    {
        if (data.GetString("format") is not ("" or "json"))
        {
            throw LogicalException.BadRequest("prometheus is not enabled");
        }

        var gauges = new (string Name, double Value)[]
        {
            ("vault.runtime.alloc_bytes", GC.GetTotalMemory(forceFullCollection: false)),
            ("vault.runtime.sys_bytes", Environment.WorkingSet),
            ("vault.runtime.total_allocated_bytes", GC.GetTotalAllocatedBytes()),
            ("vault.runtime.total_gc_runs", GC.CollectionCount(0)),
            ("vault.runtime.gc_gen0_runs", GC.CollectionCount(0) - GC.CollectionCount(1)),
            ("vault.runtime.gc_gen1_runs", GC.CollectionCount(1) - GC.CollectionCount(2)),
            ("vault.runtime.gc_gen2_runs", GC.CollectionCount(2)),
            ("vault.runtime.total_gc_pause_ns", GC.GetTotalPauseDuration().Ticks * 100.0),
            ("vault.runtime.num_threads", ThreadPool.ThreadCount),
            ("vault.expire.num_queued", _expiration.Queued),
            ("vault.expire.restored_leases", _expiration.RestoredLeases),
            ("vault.expire.restore_ms", _expiration.RestoreDuration is { } took ? took.TotalMilliseconds : -1),
            ("vault.expire.irrevocable_leases", _expiration.IrrevocableKnown),
        };
        return Task.FromResult<LogicalResponse?>(LogicalResponse.Raw(new Dictionary<string, object?>
        {
            ["Timestamp"] = _time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss +0000 'UTC'", global::System.Globalization.CultureInfo.InvariantCulture),
            ["Gauges"] = gauges.Select(g => new Dictionary<string, object?> { ["Name"] = g.Name, ["Value"] = g.Value, ["Labels"] = new Dictionary<string, string>() }).ToList(),
            ["Counters"] = Array.Empty<object>(),
            ["Samples"] = Array.Empty<object>(),
            ["Points"] = Array.Empty<object>(),
        }));
    }
}
