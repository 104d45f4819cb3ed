using System.Globalization;
using Microsoft.Extensions.Logging;
using SecretVault.Core.Leases;
using SecretVault.Core.Responses;
using SecretVault.Sdk.Framework;
using SecretVault.Sdk.Logical;

namespace SecretVault.Core.System;

/// <summary><c>sys/leases/*</c> and the legacy <c>sys/renew</c>, <c>sys/revoke</c>, <c>sys/revoke-prefix</c>, <c>sys/revoke-force</c>.</summary>
public sealed partial class LeasePaths
{
    /// <summary>Paths (relative to <c>sys/</c>) that need sudo.</summary>
    public static readonly IReadOnlyList<string> RootPaths =
        ["leases/lookup/*", "leases/revoke-prefix/*", "leases/revoke-force/*", "revoke-prefix/*", "revoke-force/*", "leases", "leases/count"];

    private const int DefaultListLimit = 10_000;

    private readonly ExpirationManager _expiration;
    private readonly TimeProvider _time;
    private readonly ILogger<LeasePaths> _log;

    public LeasePaths(ExpirationManager expiration, TimeProvider time, ILogger<LeasePaths> log)
    {
        _expiration = expiration;
        _time = time;
        _log = log;
    }

    /// <summary>The path definitions, relative to <c>sys/</c>.</summary>
    public IReadOnlyList<PathDefinition> Define() =>
    [
        Update("leases/lookup", LookupAsync, "Metadata of a lease.", ("lease_id", FieldType.String)),
        new PathDefinition
        {
            Pattern = "leases/lookup/(?<prefix>.*)",
            Fields = new Dictionary<string, FieldSchema> { ["prefix"] = new(FieldType.String) },
            Operations = new Dictionary<Operation, PathHandler> { [Operation.List] = ListAsync },
            HelpSynopsis = "The lease IDs and sub-prefixes under a prefix.",
        },
        Update("(leases/)?renew(/(?<url_lease_id>.+))?", RenewAsync, "Extends a lease.", ("lease_id", FieldType.String), ("increment", FieldType.Duration), ("url_lease_id", FieldType.String)),
        Update("(leases/)?revoke(/(?<url_lease_id>.+))?", RevokeAsync, "Revokes a lease.", ("lease_id", FieldType.String), ("sync", FieldType.Bool), ("url_lease_id", FieldType.String)),
        Update("(leases/)?revoke-prefix/(?<prefix>.+)", RevokePrefixAsync, "Revokes every lease under a prefix.", ("prefix", FieldType.String), ("sync", FieldType.Bool)),
        Update("(leases/)?revoke-force/(?<prefix>.+)", RevokeForceAsync, "Revokes every lease under a prefix, ignoring backend errors.", ("prefix", FieldType.String)),
        Update("leases/tidy", TidyAsync, "Revokes leases whose token is gone and cleans up dangling index entries."),
        new PathDefinition
        {
            Pattern = "leases/count",
            Fields = new Dictionary<string, FieldSchema> { ["type"] = new(FieldType.String), ["include_child_namespaces"] = new(FieldType.Bool) },
            Operations = new Dictionary<Operation, PathHandler> { [Operation.Read] = CountAsync },
            HelpSynopsis = "The number of irrevocable leases, in total and per mount.",
        },
        new PathDefinition
        {
            Pattern = "leases",
            Fields = new Dictionary<string, FieldSchema> { ["type"] = new(FieldType.String), ["limit"] = new(FieldType.String), ["include_child_namespaces"] = new(FieldType.Bool) },
            Operations = new Dictionary<Operation, PathHandler> { [Operation.Read] = IrrevocableListAsync },
            HelpSynopsis = "The irrevocable leases and the error of their last revocation.",
        },
    ];

    private static PathDefinition Update(string pattern, PathHandler handler, string help, params (string Name, FieldType Type)[] fields) => new()
    {
        Pattern = pattern,
        Fields = fields.ToDictionary(f => f.Name, f => new FieldSchema(f.Type), StringComparer.Ordinal),
        Operations = new Dictionary<Operation, PathHandler> { [Operation.Update] = handler },
        HelpSynopsis = help,
    };

    private async Task<LogicalResponse?> LookupAsync(LogicalRequest request, FieldData data, CancellationToken ct)
    {
        var id = RequiredLeaseId(data);
        var lease = await _expiration.LookupAsync(id, ct).ConfigureAwait(false);
        if (lease is null || lease.Pending)
        {
            throw LogicalException.BadRequest("invalid lease");
        }

        var result = new Dictionary<string, object?>
        {
            ["id"] = lease.LeaseId,
            ["issue_time"] = EnvelopeWriter.Rfc3339(lease.IssueTime),
            ["expire_time"] = EnvelopeWriter.Rfc3339(lease.ExpireTime),
            ["last_renewal"] = lease.LastRenewalTime is { } renewed ? EnvelopeWriter.Rfc3339(renewed) : null,
            ["renewable"] = lease.Renewable && !lease.Irrevocable,
            ["ttl"] = (long)lease.TtlAt(_time.GetUtcNow()).TotalSeconds,
        };
        if (lease.Irrevocable)
        {
            result["irrevocable"] = true;
            result["revoke_error"] = lease.RevokeError;
        }

        return LogicalResponse.WithData(result);
    }

    private async Task<LogicalResponse?> ListAsync(LogicalRequest request, FieldData data, CancellationToken ct) =>
        LogicalResponse.List(await _expiration.ListAsync(data.GetString("prefix"), ct).ConfigureAwait(false));

    private async Task<LogicalResponse?> RenewAsync(LogicalRequest request, FieldData data, CancellationToken ct) =>
        await _expiration.RenewAsync(LeaseIdOf(data), data.GetDuration("increment"), ct).ConfigureAwait(false);

    private async Task<LogicalResponse?> RevokeAsync(LogicalRequest request, FieldData data, CancellationToken ct)
    {
        var id = LeaseIdOf(data);
        return await RunAsync(Sync(data), token => _expiration.RevokeAsync(id, force: false, throwOnFailure: true, token), ct).ConfigureAwait(false);
    }

    private Task<LogicalResponse?> RevokePrefixAsync(LogicalRequest request, FieldData data, CancellationToken ct)
    {
        var prefix = data.GetString("prefix");
        return RunAsync(Sync(data), token => _expiration.RevokePrefixAsync(prefix, force: false, token), ct);
    }

    private async Task<LogicalResponse?> RevokeForceAsync(LogicalRequest request, FieldData data, CancellationToken ct)
    {
        await _expiration.RevokePrefixAsync(data.GetString("prefix"), force: true, ct).ConfigureAwait(false);
        return null;
    }

    private Task<LogicalResponse?> TidyAsync(LogicalRequest request, FieldData data, CancellationToken ct)
    {
        Background(token => _expiration.TidyAsync(token));
        return Task.FromResult<LogicalResponse?>(LogicalResponse.Warning("Tidy operation successfully started. Any information from the operation will be printed to the server's logs.", 202));
    }

    private async Task<LogicalResponse?> CountAsync(LogicalRequest request, FieldData data, CancellationToken ct)
    {
        var leases = await IrrevocableOfTypeAsync(data, ct).ConfigureAwait(false);
        return LogicalResponse.WithData(new Dictionary<string, object?>
        {
            ["lease_count"] = leases.Count,
            ["counts"] = leases.GroupBy(l => l.MountAccessor, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal),
        });
    }

    private async Task<LogicalResponse?> IrrevocableListAsync(LogicalRequest request, FieldData data, CancellationToken ct)
    {
        var leases = await IrrevocableOfTypeAsync(data, ct).ConfigureAwait(false);
        var limitText = data.GetString("limit");
        var limit = limitText switch
        {
            "" => DefaultListLimit,
            "none" => int.MaxValue,
            _ when int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 => n,
            _ => throw LogicalException.BadRequest("invalid 'limit' provided: it must be a positive integer or \"none\""),
        };
        var response = LogicalResponse.WithData(new Dictionary<string, object?>
        {
            ["lease_count"] = leases.Count,
            ["leases"] = leases.Take(limit).Select(l => new Dictionary<string, object?> { ["lease_id"] = l.LeaseId, ["mount_id"] = l.MountAccessor, ["error"] = l.RevokeError }).ToList(),
        });
        if (leases.Count > limit)
        {
            return response.WithWarning($"Found {leases.Count} irrevocable leases; only {limit} are listed. Set limit=none to list them all.");
        }

        return response;
    }

    private async Task<IReadOnlyList<LeaseEntry>> IrrevocableOfTypeAsync(FieldData data, CancellationToken ct)
    {
        var type = data.GetString("type");
        if (type != "irrevocable")
        {
            throw LogicalException.BadRequest(type.Length == 0 ? "'type' is required: the only supported type is \"irrevocable\"" : $"unsupported lease type \"{type}\": the only supported type is \"irrevocable\"");
        }

        return await _expiration.IrrevocableAsync(ct).ConfigureAwait(false);
    }

    // Runs a revocation now (204) or in the background (202), as sync asks.
    private async Task<LogicalResponse?> RunAsync(bool sync, Func<CancellationToken, Task> revoke, CancellationToken ct)
    {
        if (sync)
        {
            await revoke(ct).ConfigureAwait(false);
            return null;
        }

        Background(revoke);
        return new LogicalResponse { StatusCode = 202 };
    }

    private void Background(Func<CancellationToken, Task> work) =>
        _ = Task.Run(async () =>
        {
            try
            {
                await work(CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                LogBackgroundFailed(_log, ex.GetType().Name);
            }
        });

    private static bool Sync(FieldData data) => !data.Has("sync") || data.GetBool("sync");

    private static string RequiredLeaseId(FieldData data)
    {
        var id = data.GetString("lease_id").Trim();
        return id.Length > 0 ? id : throw LogicalException.BadRequest("lease_id must be specified");
    }

    // The body's lease_id wins over the one in the URL, as in Vault.
    private static string LeaseIdOf(FieldData data)
    {
        var id = data.GetString("lease_id").Trim();
        if (id.Length == 0)
        {
            id = data.GetString("url_lease_id").Trim();
        }

        return id.Length > 0 ? id : throw LogicalException.BadRequest("lease_id must be specified");
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "expiration: a background lease operation failed with {ExceptionType}")]
    private static partial void LogBackgroundFailed(ILogger logger, string exceptionType);
}
