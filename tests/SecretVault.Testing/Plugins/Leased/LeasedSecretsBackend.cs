using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using SecretVault.Sdk.Framework;
using SecretVault.Sdk.Logical;
using SecretVault.Sdk.Time;

namespace SecretVault.Testing.Plugins.Leased;

/// <summary>
/// A test-only secrets engine that issues leased credentials and records every revocation in its own storage,
/// so tests can count revoke calls per lease and see when they ran. Registered only by test hosts (type
/// <c>leased-test</c>) until the database engine lands.
/// <list type="bullet">
/// <item><c>GET creds/:name?ttl=&amp;max_ttl=&amp;expire_at_ms=&amp;fail=</c> issues one credential (lease reserved first).</item>
/// <item><c>PUT config</c> <c>{"fail_revoke":bool,"fail_renew":bool}</c> makes the target "unreachable".</item>
/// <item><c>GET revocations?lease_id=</c> the revoke calls of one lease and when the first ran; <c>GET stats</c> totals.</item>
/// </list>
/// </summary>
public sealed class LeasedSecretsBackend : FrameworkBackend
{
    public const string SecretType = "creds";

    private readonly TimeProvider _time;

    public LeasedSecretsBackend(TimeProvider time)
    {
        _time = time;
    }

    protected override IReadOnlyList<PathDefinition> DefinePaths() =>
    [
        new PathDefinition
        {
            Pattern = "creds/(?<name>[^/]+)",
            IssuesLeaseOf = SecretType,
            Fields = new Dictionary<string, FieldSchema>
            {
                ["name"] = new(FieldType.String),
                ["ttl"] = new(FieldType.Duration),
                ["max_ttl"] = new(FieldType.Duration),
                ["expire_at_ms"] = new(FieldType.Int),
                ["fail"] = new(FieldType.Bool),
                ["renewable"] = new(FieldType.Bool) { Default = true },
            },
            Operations = new Dictionary<Operation, PathHandler> { [Operation.Read] = IssueAsync },
        },
        new PathDefinition
        {
            Pattern = "config",
            Fields = new Dictionary<string, FieldSchema> { ["fail_revoke"] = new(FieldType.Bool), ["fail_renew"] = new(FieldType.Bool) },
            Operations = new Dictionary<Operation, PathHandler> { [Operation.Update] = ConfigureAsync },
        },
        new PathDefinition
        {
            Pattern = "revocations",
            Fields = new Dictionary<string, FieldSchema> { ["lease_id"] = new(FieldType.String) },
            Operations = new Dictionary<Operation, PathHandler> { [Operation.Read] = RevocationsAsync },
        },
        new PathDefinition
        {
            Pattern = "stats",
            Operations = new Dictionary<Operation, PathHandler> { [Operation.Read] = StatsAsync },
        },
    ];

    protected override IReadOnlyList<SecretDefinition> DefineSecrets() =>
    [
        new SecretDefinition { Type = SecretType, Revoke = RevokeAsync, Renew = RenewAsync },
    ];

    private async Task<LogicalResponse?> IssueAsync(LogicalRequest request, FieldData data, CancellationToken ct)
    {
        var leaseId = request.Lease?.LeaseId ?? throw new InvalidOperationException("the core reserves a lease before issuing");
        var username = "u-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));

        // Recorded before answering, as a real engine creates the credential before the core writes the lease.
        await request.RequiredStorage.PutAsync("issued/" + Key(leaseId), Encoding.UTF8.GetBytes(username), ct);
        if (data.GetBool("fail"))
        {
            throw LogicalException.BadRequest("issue failed on purpose");
        }

        var ttl = data.GetDuration("ttl");
        if (data.GetInt("expire_at_ms") is var at and > 0)
        {
            ttl = DateTimeOffset.FromUnixTimeMilliseconds(at) - _time.GetUtcNow();
        }

        return new LogicalResponse
        {
            Data = new Dictionary<string, object?> { ["username"] = username, ["password"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(12)) },
            Secret = new SecretLease
            {
                Type = SecretType,
                Ttl = ttl,
                MaxTtl = data.GetDuration("max_ttl"),
                Renewable = data.GetBool("renewable"),
                InternalData = new Dictionary<string, string> { ["username"] = username },
            },
        };
    }

    private async Task<LogicalResponse?> RevokeAsync(LogicalRequest request, LeaseContext lease, CancellationToken ct)
    {
        var storage = request.RequiredStorage;
        if ((await ConfigAsync(request, ct)).GetValueOrDefault("fail_revoke"))
        {
            throw LogicalException.BadRequest("target unreachable");
        }

        var key = Key(lease.LeaseId);
        var record = await storage.GetAsync("revoked/" + key, ct) is { } bytes ? JsonSerializer.Deserialize<RevocationRecord>(bytes)! : new RevocationRecord();
        record = record with
        {
            Count = record.Count + 1,
            FirstAtMs = record.Count == 0 ? _time.GetUtcNow().ToUnixTimeMilliseconds() : record.FirstAtMs,
            Incomplete = lease.IssueIncomplete,
            Username = lease.Secret.InternalData.GetValueOrDefault("username", ""),
        };
        await storage.PutAsync("revoked/" + key, JsonSerializer.SerializeToUtf8Bytes(record), ct);
        await storage.DeleteAsync("issued/" + key, ct);
        return null;
    }

    private async Task<LogicalResponse?> RenewAsync(LogicalRequest request, LeaseContext lease, CancellationToken ct) =>
        (await ConfigAsync(request, ct)).GetValueOrDefault("fail_renew") ? throw LogicalException.BadRequest("target unreachable") : null;

    private static async Task<LogicalResponse?> ConfigureAsync(LogicalRequest request, FieldData data, CancellationToken ct)
    {
        var config = new Dictionary<string, bool> { ["fail_revoke"] = data.GetBool("fail_revoke"), ["fail_renew"] = data.GetBool("fail_renew") };
        await request.RequiredStorage.PutAsync("config", JsonSerializer.SerializeToUtf8Bytes(config), ct);
        return null;
    }

    private static async Task<LogicalResponse?> RevocationsAsync(LogicalRequest request, FieldData data, CancellationToken ct)
    {
        var key = Key(data.GetString("lease_id"));
        var record = await request.RequiredStorage.GetAsync("revoked/" + key, ct) is { } bytes ? JsonSerializer.Deserialize<RevocationRecord>(bytes)! : new RevocationRecord();
        return LogicalResponse.WithData(new Dictionary<string, object?>
        {
            ["count"] = record.Count,
            ["first_at_ms"] = record.FirstAtMs,
            ["incomplete"] = record.Incomplete,
            ["username"] = record.Username,
            ["issued"] = await request.RequiredStorage.GetAsync("issued/" + key, ct) is not null,
        });
    }

    private static async Task<LogicalResponse?> StatsAsync(LogicalRequest request, FieldData data, CancellationToken ct)
    {
        var storage = request.RequiredStorage;
        var revoked = await storage.ListAsync("revoked/", ct);
        var counts = new List<int>();
        foreach (var key in revoked)
        {
            counts.Add(JsonSerializer.Deserialize<RevocationRecord>((await storage.GetAsync("revoked/" + key, ct))!)!.Count);
        }

        return LogicalResponse.WithData(new Dictionary<string, object?>
        {
            ["outstanding"] = (await storage.ListAsync("issued/", ct)).Count,
            ["revoked"] = counts.Count,
            ["revoked_more_than_once"] = counts.Count(c => c > 1),
        });
    }

    private static async Task<Dictionary<string, bool>> ConfigAsync(LogicalRequest request, CancellationToken ct) =>
        await request.RequiredStorage.GetAsync("config", ct) is { } bytes ? JsonSerializer.Deserialize<Dictionary<string, bool>>(bytes)! : [];

    private static string Key(string leaseId) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(leaseId)));

    private sealed record RevocationRecord
    {
        public int Count { get; init; }

        public long FirstAtMs { get; init; }

        public bool Incomplete { get; init; }

        public string Username { get; init; } = "";
    }
}
