using System.Text.Json;
using SecretVault.Core.Lockout;
using SecretVault.Core.Mounts;
using SecretVault.Sdk.Framework;
using SecretVault.Sdk.Logical;
using SecretVault.Sdk.Time;

namespace SecretVault.Core.System;

/// <summary>Reads mount tunables from request data (the <c>config</c> object at enable time, the top level at tune time).</summary>
public static class MountConfigParser
{
    /// <summary>The tunable keys accepted in <c>config</c> and by tune.</summary>
    public static readonly IReadOnlySet<string> Keys = new HashSet<string>(StringComparer.Ordinal)
    {
        "default_lease_ttl", "max_lease_ttl", "force_no_cache", "audit_non_hmac_request_keys", "audit_non_hmac_response_keys",
        "listing_visibility", "passthrough_request_headers", "allowed_response_headers", "token_type", "plugin_version",
        UserLockoutConfigParser.Field,
    };

    /// <summary>Applies the tunables present in <paramref name="data"/> to <paramref name="current"/>, the config of a mount of <paramref name="type"/>.</summary>
    public static MountConfigEntry Apply(MountConfigEntry current, IReadOnlyDictionary<string, JsonElement> data, BackendKind kind, string type)
    {
        var fields = new FieldData(data, new Dictionary<string, string>(), new Dictionary<string, FieldSchema>());
        var config = current with
        {
            DefaultLeaseTtl = Ttl(fields, "default_lease_ttl") ?? current.DefaultLeaseTtl,
            MaxLeaseTtl = Ttl(fields, "max_lease_ttl") ?? current.MaxLeaseTtl,
            ForceNoCache = fields.Has("force_no_cache") ? fields.GetBool("force_no_cache") : current.ForceNoCache,
            AuditNonHmacRequestKeys = fields.Has("audit_non_hmac_request_keys") ? fields.GetStrings("audit_non_hmac_request_keys") : current.AuditNonHmacRequestKeys,
            AuditNonHmacResponseKeys = fields.Has("audit_non_hmac_response_keys") ? fields.GetStrings("audit_non_hmac_response_keys") : current.AuditNonHmacResponseKeys,
            ListingVisibility = fields.Has("listing_visibility") ? fields.GetString("listing_visibility") : current.ListingVisibility,
            PassthroughRequestHeaders = fields.Has("passthrough_request_headers") ? fields.GetStrings("passthrough_request_headers") : current.PassthroughRequestHeaders,
            AllowedResponseHeaders = fields.Has("allowed_response_headers") ? fields.GetStrings("allowed_response_headers") : current.AllowedResponseHeaders,
            TokenType = fields.Has("token_type") ? fields.GetString("token_type") : current.TokenType,
            UserLockout = fields.GetRaw(UserLockoutConfigParser.Field) is { } lockout
                ? UserLockoutConfigParser.Apply(current.UserLockout, lockout, kind, type)
                : current.UserLockout,
        };

        if (config.ListingVisibility is not ("" or "unauth" or "hidden"))
        {
            throw LogicalException.BadRequest("listing_visibility must be one of \"\", \"unauth\" or \"hidden\"");
        }

        if (config.TokenType is not null && (kind != BackendKind.Auth || config.TokenType is not ("default-service" or "default-batch" or "service" or "batch")))
        {
            throw LogicalException.BadRequest(kind == BackendKind.Auth
                ? "token_type must be one of default-service, default-batch, service or batch"
                : "token_type can only be set on auth mounts");
        }

        return config;
    }

    private static long? Ttl(FieldData fields, string name)
    {
        if (!fields.Has(name))
        {
            return null;
        }

        if (fields.GetRaw(name) is { ValueKind: JsonValueKind.String } text && text.GetString() is "system" or "")
        {
            return 0;
        }

        var value = fields.GetDuration(name);
        return value < TimeSpan.Zero ? throw LogicalException.BadRequest($"{name} cannot be negative") : (long)value.TotalSeconds;
    }
}
