using System.Text;
using SecretVault.Core.Policies;
using SecretVault.Sdk.Framework;
using SecretVault.Sdk.Logical;

namespace SecretVault.Core.System;

/// <summary>The ACL policy endpoints: the legacy <c>sys/policy</c> and the current <c>sys/policies/acl</c>.</summary>
public sealed class PolicyPaths
{
    private static readonly Dictionary<string, FieldSchema> WriteFields = new(StringComparer.Ordinal)
    {
        ["name"] = new(FieldType.String),
        ["policy"] = new(FieldType.String),
        ["rules"] = new(FieldType.String),
    };

    private readonly PolicyStore _policies;

    public PolicyPaths(PolicyStore policies)
    {
        _policies = policies;
    }

    /// <summary>The path definitions, relative to <c>sys/</c>.</summary>
    public IReadOnlyList<PathDefinition> Define() =>
    [
        new PathDefinition
        {
            Pattern = "policy/?",
            Operations = new Dictionary<Operation, PathHandler> { [Operation.Read] = ListLegacyAsync, [Operation.List] = ListLegacyAsync },
            HelpSynopsis = "List the configured ACL policies.",
        },
        new PathDefinition
        {
            Pattern = "policies/acl/?",
            Operations = new Dictionary<Operation, PathHandler> { [Operation.List] = ListAsync },
            HelpSynopsis = "List the configured ACL policies.",
        },
        Single("policy", legacy: true),
        Single("policies/acl", legacy: false),
    ];

    private PathDefinition Single(string prefix, bool legacy) => new()
    {
        Pattern = prefix + "/(?<name>.+)",
        Fields = WriteFields,
        NormalizedNames = new Dictionary<string, Func<string, string>> { ["name"] = PolicyNames.Normalize },
        ExistenceCheck = async (request, data, ct) => await _policies.GetAsync(data.GetString("name"), ct).ConfigureAwait(false) is not null,
        Operations = new Dictionary<Operation, PathHandler>
        {
            [Operation.Read] = async (request, data, ct) =>
            {
                var policy = await _policies.GetAsync(data.GetString("name"), ct).ConfigureAwait(false);
                if (policy is null)
                {
                    return null;
                }

                return new LogicalResponse
                {
                    Data = new Dictionary<string, object?> { ["name"] = policy.Name, [legacy ? "rules" : "policy"] = policy.Raw },
                    DuplicateDataAtTopLevel = legacy,
                };
            },
            [Operation.Update] = (request, data, ct) => WriteAsync(data, legacy, ct),
            [Operation.Delete] = async (request, data, ct) =>
            {
                await _policies.DeleteAsync(data.GetString("name"), ct).ConfigureAwait(false);
                return null;
            },
        },
        HelpSynopsis = "Read, write or delete an ACL policy.",
    };

    private async Task<LogicalResponse?> WriteAsync(FieldData data, bool legacy, CancellationToken ct)
    {
        List<string> warnings = [];
        var text = data.GetString("policy");
        if (text.Length == 0 && data.Has("rules"))
        {
            text = data.GetString("rules");
            warnings.Add("'rules' is deprecated, please use 'policy' instead");
        }

        if (text.Length == 0)
        {
            throw LogicalException.BadRequest("'policy' parameter not supplied or empty");
        }

        // sys/policies/acl accepts the policy base64-encoded, as Vault does.
        if (!legacy && TryBase64(text) is { } decoded)
        {
            text = decoded;
        }

        var name = data.GetString("name");
        var stored = await _policies.SetAsync(name, text, ct).ConfigureAwait(false);
        if (stored != name)
        {
            warnings.Add($"policy name was converted to {stored}");
        }

        return warnings.Count == 0 ? null : new LogicalResponse { Warnings = warnings };
    }

    private async Task<LogicalResponse?> ListLegacyAsync(LogicalRequest request, FieldData data, CancellationToken ct)
    {
        var names = await _policies.ListAsync(ct).ConfigureAwait(false);
        return new LogicalResponse
        {
            Data = new Dictionary<string, object?> { ["keys"] = names, ["policies"] = names },
            DuplicateDataAtTopLevel = true,
        };
    }

    private async Task<LogicalResponse?> ListAsync(LogicalRequest request, FieldData data, CancellationToken ct) =>
        LogicalResponse.List(await _policies.ListAsync(ct).ConfigureAwait(false));

    private static string? TryBase64(string text)
    {
        if (text.Length % 4 != 0 || text.Any(char.IsWhiteSpace))
        {
            return null;
        }

        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(text));
            return decoded.Contains("path", StringComparison.Ordinal) ? decoded : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
