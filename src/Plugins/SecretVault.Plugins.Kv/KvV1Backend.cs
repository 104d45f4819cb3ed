using System.Text.Json;
using SecretVault.Sdk.Framework;
using SecretVault.Sdk.Logical;
using SecretVault.Sdk.Storage;
using SecretVault.Sdk.Time;

namespace SecretVault.Plugins.Kv;

/// <summary>
/// KV version 1: one barrier entry per secret, holding the JSON object as written. Values may be
/// any JSON; a write replaces the whole object.
/// </summary>
public sealed class KvV1Backend : FrameworkBackend
{
    /// <inheritdoc />
    protected override string BackendHelp => "The kv backend reads and writes arbitrary secrets as JSON objects.";

    /// <inheritdoc />
    protected override IReadOnlyList<PathDefinition> DefinePaths() =>
    [
        new PathDefinition
        {
            Pattern = "(?<path>.*)",
            TakesArbitraryFields = true,
            ExistenceCheck = async (request, data, ct) => await request.RequiredStorage.GetAsync(request.Path, ct).ConfigureAwait(false) is not null,
            Operations = new Dictionary<Operation, PathHandler>
            {
                [Operation.Read] = ReadAsync,
                [Operation.List] = ListAsync,
                [Operation.Update] = WriteAsync,
                [Operation.Delete] = DeleteAsync,
            },
            HelpSynopsis = "Pass-through secret storage to the storage backend, allowing you to read/write arbitrary data into secret storage.",
        },
    ];

    private static async Task<LogicalResponse?> ReadAsync(LogicalRequest request, FieldData data, CancellationToken ct)
    {
        if (request.Path.Length == 0 || request.Path.EndsWith('/'))
        {
            return null;
        }

        var bytes = await request.RequiredStorage.GetAsync(request.Path, ct).ConfigureAwait(false);
        if (bytes is null)
        {
            return null;
        }

        var value = StoredJson.Deserialize<Dictionary<string, JsonElement>>(bytes) ?? [];
        return new LogicalResponse
        {
            Data = value.ToDictionary(p => p.Key, p => (object?)p.Value, StringComparer.Ordinal),
            LeaseDuration = AdvisoryTtl(value),
        };
    }

    // As Vault: a "ttl" (or the older "lease") key sets the advisory lease_duration; without one, or when it
    // does not parse, the mount's default applies.
    private static TimeSpan AdvisoryTtl(Dictionary<string, JsonElement> value)
    {
        foreach (var name in (string[])["ttl", "lease"])
        {
            if (value.TryGetValue(name, out var raw) && Durations.TryParse(raw.ValueKind == JsonValueKind.String ? raw.GetString() ?? "" : raw.GetRawText(), out var ttl, out _))
            {
                return ttl;
            }
        }

        return TimeSpan.Zero;
    }

    private static async Task<LogicalResponse?> ListAsync(LogicalRequest request, FieldData data, CancellationToken ct)
    {
        var prefix = request.Path.Length == 0 || request.Path.EndsWith('/') ? request.Path : request.Path + "/";
        return LogicalResponse.List(await request.RequiredStorage.ListAsync(prefix, ct).ConfigureAwait(false));
    }

    private static async Task<LogicalResponse?> WriteAsync(LogicalRequest request, FieldData data, CancellationToken ct)
    {
        if (request.Path.Length == 0 || request.Path.EndsWith('/'))
        {
            throw LogicalException.BadRequest("cannot write to a path ending in '/'");
        }

        if (request.Data.Count == 0)
        {
            throw LogicalException.BadRequest("missing data fields");
        }

        await request.RequiredStorage.PutAsync(request.Path, StoredJson.Serialize(request.Data), ct).ConfigureAwait(false);
        return null;
    }

    private static async Task<LogicalResponse?> DeleteAsync(LogicalRequest request, FieldData data, CancellationToken ct)
    {
        if (request.Path.Length > 0 && !request.Path.EndsWith('/'))
        {
            await request.RequiredStorage.DeleteAsync(request.Path, ct).ConfigureAwait(false);
        }

        return null;
    }
}
