using System.Globalization;
using System.Text.Json;
using SecretVault.Plugins.Transit.Crypto;
using SecretVault.Plugins.Transit.Keys;
using SecretVault.Sdk.Framework;
using SecretVault.Sdk.Logical;

namespace SecretVault.Plugins.Transit.Paths;

/// <summary><c>export/:type/:name[/:version]</c>, <c>backup/:name</c> and <c>restore[/:name]</c>.</summary>
internal static class ExportPaths
{
    public static IEnumerable<PathDefinition> Create(TransitBackend backend)
    {
        yield return new PathDefinition
        {
            Pattern = $"export/(?<type>[^/]+)/{TransitBackend.NamePattern}(?:/(?<version>[^/]+))?",
            Fields = new Dictionary<string, FieldSchema>(StringComparer.Ordinal)
            {
                ["type"] = new(FieldType.String, "encryption-key, signing-key, hmac-key or public-key."),
                ["name"] = new(FieldType.String, "Name of the key."),
                ["version"] = new(FieldType.String, "A version number or latest; all versions when absent."),
            },
            Operations = new Dictionary<Operation, PathHandler>
            {
                [Operation.Read] = (request, data, ct) => ExportAsync(backend, request, data, ct),
            },
            HelpSynopsis = "Export a key's versions (exportable keys only; public keys always).",
        };
        yield return new PathDefinition
        {
            Pattern = $"backup/{TransitBackend.NamePattern}",
            Fields = new Dictionary<string, FieldSchema>(StringComparer.Ordinal) { ["name"] = new(FieldType.String, "Name of the key.") },
            Operations = new Dictionary<Operation, PathHandler>
            {
                [Operation.Read] = (request, data, ct) => BackupAsync(backend, request, data.GetString("name"), ct),
            },
            HelpSynopsis = "Back up a key with all its versions, in plaintext (needs exportable and allow_plaintext_backup).",
        };
        yield return new PathDefinition
        {
            Pattern = $"restore(?:/{TransitBackend.NamePattern})?",
            Fields = new Dictionary<string, FieldSchema>(StringComparer.Ordinal)
            {
                ["name"] = new(FieldType.String, "Name to restore under; the backup's name when absent."),
                ["backup"] = new(FieldType.String, "The backup, as backup/:name returned it.") { Required = true },
                ["force"] = new(FieldType.Bool, "Replace an existing key of that name."),
            },
            Operations = new Dictionary<Operation, PathHandler>
            {
                [Operation.Update] = (request, data, ct) => RestoreAsync(backend, request, data, ct),
            },
            HelpSynopsis = "Restore a key from a backup.",
        };
    }

    private static async Task<LogicalResponse?> ExportAsync(TransitBackend backend, LogicalRequest request, FieldData data, CancellationToken ct)
    {
        var exportType = data.GetString("type");
        if (!KeyExport.IsKnown(exportType))
        {
            throw LogicalException.BadRequest("invalid export type");
        }

        var policy = await backend.Keys.GetAsync(request.RequiredStorage, data.GetString("name"), ct).ConfigureAwait(false);
        if (policy is null)
        {
            return null;
        }

        if (exportType != KeyExport.PublicKey && !policy.Exportable)
        {
            throw LogicalException.BadRequest("private key material is not exportable");
        }

        var keys = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var version in SelectVersions(policy, data.Has("version") ? data.GetString("version") : ""))
        {
            keys[version.Version.ToString(CultureInfo.InvariantCulture)] = KeyExport.Export(policy, version, exportType);
        }

        backend.Keys.ThrowIfUnloaded();
        return LogicalResponse.WithData(new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["name"] = policy.Name,
            ["type"] = policy.Type.Name(),
            ["keys"] = keys,
        });
    }

    private static IEnumerable<KeyVersion> SelectVersions(KeyPolicy policy, string version)
    {
        if (version == "")
        {
            return policy.Versions.Where(v => v.Key >= policy.MinDecryptionVersion).OrderBy(v => v.Key).Select(v => v.Value);
        }

        var number = version == "latest" ? policy.LatestVersion
            : int.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n
            : throw LogicalException.BadRequest("invalid key version");
        if (number > policy.LatestVersion || number <= 0)
        {
            throw LogicalException.BadRequest("version does not exist or is higher than the latest key version");
        }

        if (number < policy.MinDecryptionVersion || !policy.Versions.TryGetValue(number, out var found))
        {
            throw LogicalException.BadRequest("version for export is below the minimum decryption version");
        }

        return [found];
    }

    private static async Task<LogicalResponse?> BackupAsync(TransitBackend backend, LogicalRequest request, string name, CancellationToken ct)
    {
        var now = backend.Time.GetUtcNow();
        var policy = await backend.Keys.UpdateAsync(request.RequiredStorage, name, current => current switch
        {
            null => throw VaultInternalError($"key \"{name}\" not found"),
            { Exportable: false } => throw VaultInternalError("exporting is disallowed on the policy"),
            { AllowPlaintextBackup: false } => throw VaultInternalError("plaintext backup is disallowed on the policy"),
            _ => current with { BackupTime = now, BackupVersion = current.LatestVersion },
        }, ct).ConfigureAwait(false);
        var blob = JsonSerializer.SerializeToUtf8Bytes(new KeyBackup(policy!));
        backend.Keys.ThrowIfUnloaded();
        return LogicalResponse.WithData(new Dictionary<string, object?> { ["backup"] = Convert.ToBase64String(blob) });
    }

    private static async Task<LogicalResponse?> RestoreAsync(TransitBackend backend, LogicalRequest request, FieldData data, CancellationToken ct)
    {
        var restored = KeyBackup.Decode(data.GetString("backup"));
        var name = data.Has("name") ? data.GetString("name") : restored.Name;
        if (!System.Text.RegularExpressions.Regex.IsMatch(name, $"^{TransitBackend.NamePattern}$", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1)))
        {
            throw LogicalException.BadRequest("invalid key name in backup");
        }

        var force = data.GetBool("force");
        var now = backend.Time.GetUtcNow();
        await backend.Keys.UpdateAsync(request.RequiredStorage, name, current =>
            current is not null && !force
                ? throw VaultInternalError($"key \"{name}\" already exists")
                : restored with { Name = name, RestoreTime = now, RestoreVersion = restored.LatestVersion }, ct).ConfigureAwait(false);
        return null;
    }

    // Vault's transit answers these refusals of backup and restore with plain errors, which its core sends as 500;
    // clients written against it expect that code (the message is the same).
    private static LogicalException VaultInternalError(string message) => new(500, message);
}
