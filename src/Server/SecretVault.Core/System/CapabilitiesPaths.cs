using SecretVault.Core.Policies;
using SecretVault.Core.Tokens;
using SecretVault.Sdk.Framework;
using SecretVault.Sdk.Logical;

namespace SecretVault.Core.System;

/// <summary><c>sys/capabilities</c>, <c>sys/capabilities-self</c> and <c>sys/capabilities-accessor</c>.</summary>
public sealed class CapabilitiesPaths
{
    private readonly TokenStore _tokens;
    private readonly PolicyStore _policies;

    public CapabilitiesPaths(TokenStore tokens, PolicyStore policies)
    {
        _tokens = tokens;
        _policies = policies;
    }

    /// <summary>The path definitions, relative to <c>sys/</c>.</summary>
    public IReadOnlyList<PathDefinition> Define() =>
    [
        Define("capabilities", (request, data, ct) => _tokens.LookupAsync(data.GetString("token"), ct), "token"),
        Define("capabilities-self", (request, data, ct) => _tokens.LookupAsync(request.ClientToken, ct), null),
        Define("capabilities-accessor", (request, data, ct) => _tokens.LookupByAccessorAsync(data.GetString("accessor"), ct), "accessor"),
    ];

    private PathDefinition Define(string pattern, Func<LogicalRequest, FieldData, CancellationToken, Task<TokenEntry?>> subject, string? subjectField)
    {
        var fields = new Dictionary<string, FieldSchema>(StringComparer.Ordinal)
        {
            ["paths"] = new(FieldType.CommaStringSlice),
            ["path"] = new(FieldType.CommaStringSlice),
        };
        if (subjectField is not null)
        {
            fields[subjectField] = new FieldSchema(FieldType.String);
        }

        return new PathDefinition
        {
            Pattern = pattern,
            Fields = fields,
            Operations = new Dictionary<Operation, PathHandler>
            {
                [Operation.Update] = async (request, data, ct) =>
                {
                    var paths = data.GetStrings("paths").Concat(data.GetStrings("path")).ToList();
                    if (paths.Count == 0)
                    {
                        throw LogicalException.BadRequest("paths must be supplied");
                    }

                    var token = await subject(request, data, ct).ConfigureAwait(false) ?? throw LogicalException.BadRequest("invalid token");
                    var acl = await _policies.GetAclAsync(token.Policies, ct).ConfigureAwait(false);
                    var result = paths.Distinct(StringComparer.Ordinal).ToDictionary(p => p, p => (object?)acl.CapabilityNamesOn(p.TrimStart('/')), StringComparer.Ordinal);
                    if (paths.Count == 1)
                    {
                        result["capabilities"] = result[paths[0]];
                    }

                    return new LogicalResponse { Data = result, DuplicateDataAtTopLevel = true };
                },
            },
            HelpSynopsis = "The capabilities a token has on the given paths.",
        };
    }
}
