using SecretVault.Sdk.Framework;
using SecretVault.Sdk.Logical;
using SecretVault.Sdk.Time;

namespace SecretVault.Plugins.Kv.V2;

/// <summary><c>config</c>: the mount's max_versions, cas_required and delete_version_after.</summary>
internal static class ConfigPaths
{
    public static PathDefinition Create(KvV2Backend backend) => new()
    {
        Pattern = "config",
        Fields = new Dictionary<string, FieldSchema>(StringComparer.Ordinal)
        {
            ["max_versions"] = new(FieldType.Int, "Versions kept per key unless the key says otherwise; 0 means 10."),
            ["cas_required"] = new(FieldType.Bool, "Every write on the mount must carry options.cas."),
            ["delete_version_after"] = new(FieldType.Duration, "Soft-delete each version this long after it was written; 0 means never; negative turns it off for every key."),
        },
        Operations = new Dictionary<Operation, PathHandler>
        {
            [Operation.Read] = async (request, data, ct) =>
            {
                var config = await backend.GetConfigAsync(request.RequiredStorage, ct).ConfigureAwait(false);
                return LogicalResponse.WithData(new Dictionary<string, object?>(StringComparer.Ordinal)
                {
                    ["cas_required"] = config.CasRequired,
                    ["delete_version_after"] = Durations.Format(TimeSpan.FromSeconds(config.DeleteVersionAfterSeconds)),
                    ["max_versions"] = config.MaxVersions,
                });
            },
            [Operation.Update] = async (request, data, ct) =>
            {
                var config = await backend.GetConfigAsync(request.RequiredStorage, ct).ConfigureAwait(false);
                var maxVersions = data.Has("max_versions") ? data.GetInt("max_versions") : config.MaxVersions;
                if (maxVersions < 0)
                {
                    throw LogicalException.BadRequest("max_versions must not be negative");
                }

                // As Vault: a negative delete_version_after is stored as -1s and turns the keys' own settings off too.
                var deleteAfter = data.Has("delete_version_after") ? (long)data.GetDuration("delete_version_after").TotalSeconds : config.DeleteVersionAfterSeconds;
                deleteAfter = Math.Max(deleteAfter, KvConfigEntry.DeleteVersionAfterDisabled);

                await backend.SetConfigAsync(request.RequiredStorage, config with
                {
                    MaxVersions = maxVersions,
                    DeleteVersionAfterSeconds = deleteAfter,
                    CasRequired = data.Has("cas_required") ? data.GetBool("cas_required") : config.CasRequired,
                }, ct).ConfigureAwait(false);
                return null;
            },
        },
        HelpSynopsis = "Configure the settings every key of the mount starts from.",
    };
}
