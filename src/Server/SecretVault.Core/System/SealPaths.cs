using System.Globalization;
using System.Text.Json;
using SecretVault.Core.Seal;
using SecretVault.Sdk.Framework;
using SecretVault.Sdk.Logical;

namespace SecretVault.Core.System;

/// <summary>
/// The sys/ endpoints that answer without a token and while sealed: init, seal-status, unseal,
/// health and leader. They answer plain JSON objects, not the envelope, as Vault does.
/// </summary>
public sealed class SealPaths
{
    private readonly VaultLifecycle _lifecycle;
    private readonly VaultOptions _options;
    private readonly TimeProvider _time;

    public SealPaths(VaultLifecycle lifecycle, VaultOptions options, TimeProvider time)
    {
        _lifecycle = lifecycle;
        _options = options;
        _time = time;
    }

    /// <summary>Answers the request if it is one of these paths; otherwise returns null.</summary>
    public Task<LogicalResponse>? TryHandle(LogicalRequest request, CancellationToken ct) => request.Path switch
    {
        "sys/init" => InitAsync(request, ct),
        "sys/seal-status" => Only(request, SealStatusAsync(ct), Operation.Read),
        "sys/unseal" => Only(request, UnsealAsync(request, ct), Operation.Update, Operation.Create),
        "sys/health" => Only(request, HealthAsync(request, ct), Operation.Read, Operation.Header),
        "sys/leader" => Only(request, LeaderAsync(ct), Operation.Read),
        _ => null,
    };

    private static Task<LogicalResponse> Only(LogicalRequest request, Task<LogicalResponse> handler, params Operation[] operations) =>
        operations.Contains(request.Operation) ? handler : Task.FromException<LogicalResponse>(LogicalException.UnsupportedOperation());

    private async Task<LogicalResponse> InitAsync(LogicalRequest request, CancellationToken ct)
    {
        switch (request.Operation)
        {
            case Operation.Read:
                return LogicalResponse.Raw(new Dictionary<string, object?> { ["initialized"] = await _lifecycle.IsInitializedAsync(ct).ConfigureAwait(false) });
            case Operation.Update or Operation.Create:
                var data = new FieldData(request.Data, new Dictionary<string, string>(), new Dictionary<string, FieldSchema>());
                if (data.GetStrings("pgp_keys").Count > 0 || data.GetString("root_token_pgp_key").Length > 0)
                {
                    throw LogicalException.BadRequest("PGP-encrypted init is not supported by this server");
                }

                if (data.GetInt("recovery_shares") != 0 || data.GetInt("recovery_threshold") != 0)
                {
                    throw LogicalException.BadRequest("parameters recovery_shares,recovery_threshold not applicable to seal type shamir");
                }

                var result = await _lifecycle.InitializeAsync((int)data.GetInt("secret_shares"), (int)data.GetInt("secret_threshold"), ct: ct).ConfigureAwait(false);
                return LogicalResponse.Raw(new Dictionary<string, object?>
                {
                    ["keys"] = result.Keys.Select(Convert.ToHexStringLower).ToArray(),
                    ["keys_base64"] = result.Keys.Select(k => Convert.ToBase64String(k)).ToArray(),
                    ["root_token"] = result.RootToken,
                });
            default:
                throw LogicalException.UnsupportedOperation();
        }
    }

    private async Task<LogicalResponse> SealStatusAsync(CancellationToken ct) =>
        LogicalResponse.Raw(SealStatusBody(await _lifecycle.GetStatusAsync(ct).ConfigureAwait(false)));

    private async Task<LogicalResponse> UnsealAsync(LogicalRequest request, CancellationToken ct)
    {
        var data = new FieldData(request.Data, new Dictionary<string, string>(), new Dictionary<string, FieldSchema>());
        if (data.GetBool("reset"))
        {
            return LogicalResponse.Raw(SealStatusBody(await _lifecycle.ResetUnsealAsync(ct).ConfigureAwait(false)));
        }

        var key = data.GetString("key");
        if (key.Length == 0)
        {
            throw LogicalException.BadRequest("'key' must be specified in request body as JSON, or 'reset' set to true");
        }

        return LogicalResponse.Raw(SealStatusBody(await _lifecycle.SubmitUnsealKeyAsync(UnsealKeyDecoder.DecodeField(key), ct).ConfigureAwait(false)));
    }

    private async Task<LogicalResponse> HealthAsync(LogicalRequest request, CancellationToken ct)
    {
        var status = await _lifecycle.GetStatusAsync(ct).ConfigureAwait(false);
        var code = !status.Initialized ? QueryCode(request, "uninitcode", 501)
            : status.Sealed ? QueryCode(request, "sealedcode", 503)
            : QueryCode(request, "activecode", 200);

        // Validate the remaining overrides too, so a typo is reported whatever the state.
        foreach (var name in new[] { "activecode", "sealedcode", "uninitcode", "standbycode", "drsecondarycode", "performancestandbycode", "haunhealthycode", "removedcode" })
        {
            QueryCode(request, name, 0);
        }

        foreach (var name in new[] { "standbyok", "perfstandbyok" })
        {
            if (request.Data.TryGetValue(name, out var value) && FieldData.ParseBool(Text(value)) is null)
            {
                throw LogicalException.BadRequest($"bad value for {name} parameter");
            }
        }

        var body = new Dictionary<string, object?>
        {
            ["initialized"] = status.Initialized,
            ["sealed"] = status.Sealed,
            ["standby"] = false,
            ["performance_standby"] = false,
            ["replication_performance_mode"] = "disabled",
            ["replication_dr_mode"] = "disabled",
            ["server_time_utc"] = _time.GetUtcNow().ToUnixTimeSeconds(),
            ["version"] = ProductVersion.Version,
        };
        AddCluster(body, status);
        return LogicalResponse.Raw(body, code);
    }

    private async Task<LogicalResponse> LeaderAsync(CancellationToken ct)
    {
        var status = await _lifecycle.GetStatusAsync(ct).ConfigureAwait(false);
        if (status.Sealed)
        {
            throw LogicalException.Sealed();
        }

        return LogicalResponse.Raw(new Dictionary<string, object?>
        {
            ["ha_enabled"] = false,
            ["is_self"] = false,
            ["active_time"] = "0001-01-01T00:00:00Z",
            ["leader_address"] = "",
            ["leader_cluster_address"] = "",
            ["performance_standby"] = false,
            ["performance_standby_last_remote_wal"] = 0,
        });
    }

    private Dictionary<string, object?> SealStatusBody(SealStatus status)
    {
        var body = new Dictionary<string, object?>
        {
            ["type"] = "shamir",
            ["initialized"] = status.Initialized,
            ["sealed"] = status.Sealed,
            ["t"] = status.Threshold,
            ["n"] = status.Shares,
            ["progress"] = status.Progress,
            ["nonce"] = status.Nonce,
            ["version"] = ProductVersion.Version,
            ["build_date"] = ProductVersion.BuildDate,
            ["migration"] = false,
        };
        AddCluster(body, status);
        body["recovery_seal"] = false;
        body["storage_type"] = _options.StorageType;
        return body;
    }

    private static void AddCluster(Dictionary<string, object?> body, SealStatus status)
    {
        if (status.ClusterName is not null)
        {
            body["cluster_name"] = status.ClusterName;
            body["cluster_id"] = status.ClusterId;
        }
    }

    private static int QueryCode(LogicalRequest request, string name, int fallback)
    {
        if (!request.Data.TryGetValue(name, out var value))
        {
            return fallback;
        }

        if (int.TryParse(Text(value), NumberStyles.None, CultureInfo.InvariantCulture, out var code) && code is >= 100 and <= 599)
        {
            return code;
        }

        throw LogicalException.BadRequest($"unable to parse {name} parameter: not a valid HTTP status code");
    }

    private static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Array when value.GetArrayLength() > 0 => Text(value[0]),
        _ => value.GetRawText(),
    };
}
