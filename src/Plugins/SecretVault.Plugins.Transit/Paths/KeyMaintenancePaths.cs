using SecretVault.Plugins.Transit.Keys;
using SecretVault.Sdk.Framework;
using SecretVault.Sdk.Logical;

namespace SecretVault.Plugins.Transit.Paths;

/// <summary><c>keys/:name/config</c>, <c>keys/:name/rotate</c> and <c>keys/:name/trim</c>.</summary>
internal static class KeyMaintenancePaths
{
    public static IEnumerable<PathDefinition> Create(TransitBackend backend)
    {
        yield return new PathDefinition
        {
            Pattern = $"keys/{TransitBackend.NamePattern}/config",
            Fields = new Dictionary<string, FieldSchema>(StringComparer.Ordinal)
            {
                ["name"] = new(FieldType.String, "Name of the key."),
                ["min_decryption_version"] = new(FieldType.Int, "Oldest version that may decrypt, verify or be exported."),
                ["min_encryption_version"] = new(FieldType.Int, "Oldest version that may encrypt, sign or HMAC; 0 means the latest."),
                ["deletion_allowed"] = new(FieldType.Bool, "Whether the key may be deleted."),
                ["exportable"] = new(FieldType.Bool, "Allow export; cannot be undone."),
                ["allow_plaintext_backup"] = new(FieldType.Bool, "Allow plaintext backup; cannot be undone."),
                ["auto_rotate_period"] = new(FieldType.Duration, "Rotate this long after the latest version; 0 disables, else at least 1h."),
            },
            Operations = new Dictionary<Operation, PathHandler>
            {
                [Operation.Update] = (request, data, ct) => ChangeAsync(backend, request, data, name => $"no existing key named {name} could be found", p => Configure(p, data), ct),
            },
            HelpSynopsis = "Configure a named key.",
        };
        yield return new PathDefinition
        {
            Pattern = $"keys/{TransitBackend.NamePattern}/rotate",
            Fields = new Dictionary<string, FieldSchema>(StringComparer.Ordinal) { ["name"] = new(FieldType.String, "Name of the key.") },
            Operations = new Dictionary<Operation, PathHandler>
            {
                [Operation.Update] = (request, data, ct) => ChangeAsync(backend, request, data, _ => "key not found", backend.Rotate, ct),
            },
            HelpSynopsis = "Add a new version to a key; new encryptions use it, old ciphertexts still decrypt.",
        };
        yield return new PathDefinition
        {
            Pattern = $"keys/{TransitBackend.NamePattern}/trim",
            Fields = new Dictionary<string, FieldSchema>(StringComparer.Ordinal)
            {
                ["name"] = new(FieldType.String, "Name of the key."),
                ["min_available_version"] = new(FieldType.Int, "Versions below this are deleted for good.") { Required = true },
            },
            Operations = new Dictionary<Operation, PathHandler>
            {
                [Operation.Update] = (request, data, ct) => ChangeAsync(backend, request, data, _ => "invalid key name", p => Trim(p, data.GetInt("min_available_version")), ct),
            },
            HelpSynopsis = "Delete the versions of a key below a version.",
        };
    }

    // Each path names a missing key in Vault's own words (config, rotate and trim each have theirs).
    private static async Task<LogicalResponse?> ChangeAsync(TransitBackend backend, LogicalRequest request, FieldData data, Func<string, string> missing, Func<KeyPolicy, KeyPolicy> change, CancellationToken ct)
    {
        var name = data.GetString("name");
        var policy = await backend.Keys.UpdateAsync(request.RequiredStorage, name, current =>
            current is null ? throw LogicalException.BadRequest(missing(name)) : change(current), ct).ConfigureAwait(false);
        return LogicalResponse.WithData(KeyInfo.Build(policy!));
    }

    private static KeyPolicy Configure(KeyPolicy policy, FieldData data)
    {
        var next = policy;
        if (data.Has("min_decryption_version"))
        {
            var min = data.GetInt("min_decryption_version");
            if (min < 0 || min > policy.LatestVersion)
            {
                throw LogicalException.BadRequest($"cannot set min decryption version of {min}, latest key version is {policy.LatestVersion}");
            }

            if (min > 0 && min < policy.MinAvailableVersion)
            {
                throw LogicalException.BadRequest($"cannot set min decryption version of {min} below the minimum available version {policy.MinAvailableVersion}");
            }

            next = min > 0 ? next with { MinDecryptionVersion = (int)min } : next;
        }

        if (data.Has("min_encryption_version"))
        {
            var min = data.GetInt("min_encryption_version");
            if (min < 0 || min > policy.LatestVersion)
            {
                throw LogicalException.BadRequest($"cannot set min encryption version of {min}, latest key version is {policy.LatestVersion}");
            }

            next = next with { MinEncryptionVersion = (int)min };
        }

        if (next.MinEncryptionVersion > 0 && next.MinEncryptionVersion < next.MinDecryptionVersion)
        {
            throw LogicalException.BadRequest("min encryption version should not be less than min decryption version");
        }

        if (data.Has("exportable"))
        {
            var exportable = data.GetBool("exportable");
            if (policy.Exportable && !exportable)
            {
                throw LogicalException.BadRequest("exportable key flag cannot be disabled once set");
            }

            next = next with { Exportable = exportable };
        }

        if (data.Has("allow_plaintext_backup"))
        {
            var allow = data.GetBool("allow_plaintext_backup");
            if (policy.AllowPlaintextBackup && !allow)
            {
                throw LogicalException.BadRequest("allow_plaintext_backup cannot be disabled once set");
            }

            next = next with { AllowPlaintextBackup = allow };
        }

        if (data.Has("deletion_allowed"))
        {
            next = next with { DeletionAllowed = data.GetBool("deletion_allowed") };
        }

        if (data.Has("auto_rotate_period"))
        {
            var period = data.GetDuration("auto_rotate_period");
            KeysPaths.CheckAutoRotatePeriod(period);
            next = next with { AutoRotatePeriodSeconds = (long)period.TotalSeconds };
        }

        return next;
    }

    private static KeyPolicy Trim(KeyPolicy policy, long minAvailable)
    {
        if (minAvailable <= 0)
        {
            throw LogicalException.BadRequest("invalid min_available_version provided");
        }

        if (policy.MinEncryptionVersion == 0)
        {
            throw LogicalException.BadRequest("minimum encryption version must be set before trimming (0 means the latest and could change)");
        }

        if (minAvailable > policy.MinEncryptionVersion)
        {
            throw LogicalException.BadRequest("cannot set min available version to be greater than the min encryption version");
        }

        if (minAvailable > policy.MinDecryptionVersion)
        {
            throw LogicalException.BadRequest("cannot set min available version to be greater than the min decryption version");
        }

        if (minAvailable < policy.MinAvailableVersion)
        {
            throw LogicalException.BadRequest("minimum available version cannot be decremented");
        }

        var versions = new SortedDictionary<int, KeyVersion>(policy.Versions.Where(v => v.Key >= minAvailable).ToDictionary());
        var reserved = policy.EncryptionsReserved.Where(r => r.Key >= minAvailable).ToDictionary();
        return policy with { Versions = versions, EncryptionsReserved = reserved, MinAvailableVersion = (int)minAvailable };
    }
}
