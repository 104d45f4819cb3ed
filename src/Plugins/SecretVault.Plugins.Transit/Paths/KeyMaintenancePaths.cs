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
                [Operation.Update] = async (request, data, ct) =>
                {
                    var response = await ChangeAsync(backend, request, data, name => $"no existing key named {name} could be found", p => Configure(p, data), ct).ConfigureAwait(false);
                    if (data.Has("min_decryption_version") && data.GetInt("min_decryption_version") == 0)
                    {
                        return response!.WithWarning("since Vault 0.3, transit key numbering starts at 1; forcing minimum to 1");
                    }

                    return response;
                },
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
                ["min_available_version"] = new(FieldType.Int, "Versions below this are deleted for good."),
            },
            Operations = new Dictionary<Operation, PathHandler>
            {
                [Operation.Update] = (request, data, ct) => ChangeAsync(backend, request, data, _ => "invalid key name", p => Trim(p, data), ct),
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
            // As Vault: versions start at 1, so 0 means 1 (the path adds Vault's warning).
            var min = Math.Max(NotNegative(data, "min_decryption_version", "min decryption version cannot be negative"), 1);
            if (min != policy.MinDecryptionVersion && min > policy.LatestVersion)
            {
                throw LogicalException.BadRequest($"cannot set min decryption version of {min}, latest key version is {policy.LatestVersion}");
            }

            next = next with { MinDecryptionVersion = (int)min };
        }

        if (data.Has("min_encryption_version"))
        {
            var min = NotNegative(data, "min_encryption_version", "min encryption version cannot be negative");
            if (min != policy.MinEncryptionVersion && min > policy.LatestVersion)
            {
                throw LogicalException.BadRequest($"cannot set min encryption version of {min}, latest key version is {policy.LatestVersion}");
            }

            next = next with { MinEncryptionVersion = (int)min };
        }

        if (next.MinEncryptionVersion > 0 && next.MinEncryptionVersion < next.MinDecryptionVersion)
        {
            throw LogicalException.BadRequest($"cannot set min encryption/decryption values; min encryption version of {next.MinEncryptionVersion} must be greater than or equal to min decryption version of {next.MinDecryptionVersion}");
        }

        // One-way flags: as Vault, a request to unset one is accepted and leaves it set.
        if (data.Has("exportable") && data.GetBool("exportable"))
        {
            next = next with { Exportable = true };
        }

        if (data.Has("allow_plaintext_backup") && data.GetBool("allow_plaintext_backup"))
        {
            next = next with { AllowPlaintextBackup = true };
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

        // As Vault, only a change is held to the trimmed versions: neither minimum may fall below them.
        if (next != policy && next.MinAvailableVersion > next.MinEncryptionVersion)
        {
            throw LogicalException.BadRequest("min encryption version should not be less than min available version");
        }

        if (next != policy && next.MinAvailableVersion > next.MinDecryptionVersion)
        {
            throw LogicalException.BadRequest("min decryption version should not be less then min available version");
        }

        return next;
    }

    private static long NotNegative(FieldData data, string field, string message)
    {
        var value = data.GetInt(field);
        return value < 0 ? throw LogicalException.BadRequest(message) : value;
    }

    // Vault's checks, in Vault's order and words.
    private static KeyPolicy Trim(KeyPolicy policy, FieldData data)
    {
        if (!data.Has("min_available_version"))
        {
            throw LogicalException.BadRequest("missing min_available_version");
        }

        var minAvailable = data.GetInt("min_available_version");
        var refusal = minAvailable switch
        {
            _ when minAvailable < policy.MinAvailableVersion => "minimum available version cannot be decremented",
            _ when policy.MinEncryptionVersion == 0 => "minimum available version cannot be set when minimum encryption version is not set",
            _ when minAvailable > policy.MinEncryptionVersion => "minimum available version cannot be greater than minmum encryption version",
            _ when minAvailable > policy.MinDecryptionVersion => "minimum available version cannot be greater than minimum decryption version",
            < 0 => "minimum available version cannot be negative",
            0 => "minimum available version should be positive",
            _ => null,
        };
        if (refusal is not null)
        {
            throw LogicalException.BadRequest(refusal);
        }

        var versions = new SortedDictionary<int, KeyVersion>(policy.Versions.Where(v => v.Key >= minAvailable).ToDictionary());
        var reserved = policy.EncryptionsReserved.Where(r => r.Key >= minAvailable).ToDictionary();
        return policy with { Versions = versions, EncryptionsReserved = reserved, MinAvailableVersion = (int)minAvailable };
    }
}
