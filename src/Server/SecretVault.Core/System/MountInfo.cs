using SecretVault.Core.Mounts;

namespace SecretVault.Core.System;

/// <summary>Vault's JSON shapes of a mount: the info object of <c>sys/mounts</c> and the tune read.</summary>
public static class MountInfo
{
    /// <summary>The mount info object.</summary>
    public static Dictionary<string, object?> Describe(MountEntry mount)
    {
        var config = new Dictionary<string, object?>
        {
            ["default_lease_ttl"] = mount.Config.DefaultLeaseTtl,
            ["max_lease_ttl"] = mount.Config.MaxLeaseTtl,
            ["force_no_cache"] = mount.Config.ForceNoCache,
        };
        AddList(config, "audit_non_hmac_request_keys", mount.Config.AuditNonHmacRequestKeys);
        AddList(config, "audit_non_hmac_response_keys", mount.Config.AuditNonHmacResponseKeys);
        AddList(config, "passthrough_request_headers", mount.Config.PassthroughRequestHeaders);
        AddList(config, "allowed_response_headers", mount.Config.AllowedResponseHeaders);
        if (mount.Config.ListingVisibility.Length > 0)
        {
            config["listing_visibility"] = mount.Config.ListingVisibility;
        }

        if (mount.Kind == Sdk.Logical.BackendKind.Auth)
        {
            config["token_type"] = mount.Config.TokenType ?? "default-service";
        }

        if (mount.Config.UserLockout is { } lockout)
        {
            config["user_lockout_config"] = UserLockoutFields(lockout).ToDictionary(StringComparer.Ordinal);
        }

        return new Dictionary<string, object?>
        {
            ["type"] = mount.Type,
            ["description"] = mount.Description,
            ["accessor"] = mount.Accessor,
            ["uuid"] = mount.Uuid,
            ["local"] = mount.Local,
            ["seal_wrap"] = mount.SealWrap,
            ["external_entropy_access"] = false,
            ["options"] = mount.Options,
            ["config"] = config,
            ["plugin_version"] = "",
            ["running_plugin_version"] = "v0.1.0+builtin",
            ["running_sha256"] = "",
            ["deprecation_status"] = "supported",
        };
    }

    /// <summary>The tune read: TTLs resolved against the system values.</summary>
    public static Dictionary<string, object?> Tune(MountEntry mount, TimeSpan systemDefault, TimeSpan systemMax)
    {
        var data = new Dictionary<string, object?>
        {
            ["default_lease_ttl"] = mount.Config.DefaultLeaseTtl > 0 ? mount.Config.DefaultLeaseTtl : (long)systemDefault.TotalSeconds,
            ["max_lease_ttl"] = mount.Config.MaxLeaseTtl > 0 ? mount.Config.MaxLeaseTtl : (long)systemMax.TotalSeconds,
            ["force_no_cache"] = mount.Config.ForceNoCache,
            ["description"] = mount.Description,
            ["options"] = mount.Options,
        };
        AddList(data, "audit_non_hmac_request_keys", mount.Config.AuditNonHmacRequestKeys);
        AddList(data, "audit_non_hmac_response_keys", mount.Config.AuditNonHmacResponseKeys);
        AddList(data, "passthrough_request_headers", mount.Config.PassthroughRequestHeaders);
        AddList(data, "allowed_response_headers", mount.Config.AllowedResponseHeaders);
        if (mount.Config.ListingVisibility.Length > 0)
        {
            data["listing_visibility"] = mount.Config.ListingVisibility;
        }

        if (mount.Kind == Sdk.Logical.BackendKind.Auth)
        {
            data["token_type"] = mount.Config.TokenType ?? "default-service";
        }

        foreach (var (key, value) in mount.Config.UserLockout is { } lockout ? UserLockoutFields(lockout) : [])
        {
            data[key] = value;
        }

        return data;
    }

    // Vault's names and units (seconds); zero where the mount leaves a value to the server.
    private static KeyValuePair<string, object?>[] UserLockoutFields(Lockout.UserLockoutConfig lockout) =>
    [
        new("user_lockout_counter_reset_duration", (long)(lockout.CounterReset ?? TimeSpan.Zero).TotalSeconds),
        new("user_lockout_threshold", lockout.Threshold ?? 0),
        new("user_lockout_duration", (long)(lockout.Duration ?? TimeSpan.Zero).TotalSeconds),
        new("user_lockout_disable", lockout.Disable ?? false),
    ];

    private static void AddList(Dictionary<string, object?> target, string key, IReadOnlyList<string> values)
    {
        if (values.Count > 0)
        {
            target[key] = values;
        }
    }
}
