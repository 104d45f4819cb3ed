using SecretVault.Sdk.Framework;
using SecretVault.Sdk.Logical;

namespace SecretVault.Core.Tokens;

/// <summary>The token store's API at <c>auth/token/</c>: create, lookup, renew, revoke, accessors, roles, tidy.</summary>
public sealed class TokenBackend : FrameworkBackend
{
    private static readonly Dictionary<string, FieldSchema> TokenField = new(StringComparer.Ordinal) { ["token"] = new(FieldType.String), ["increment"] = new(FieldType.Duration) };
    private static readonly Dictionary<string, FieldSchema> AccessorField = new(StringComparer.Ordinal) { ["accessor"] = new(FieldType.String), ["increment"] = new(FieldType.Duration) };

    private readonly TokenStore _tokens;
    private readonly TokenCreator _creator;
    private readonly TokenRolePaths _roles;
    private readonly TimeProvider _time;

    public TokenBackend(TokenStore tokens, TokenCreator creator, TimeProvider time)
    {
        _tokens = tokens;
        _creator = creator;
        _roles = new TokenRolePaths(tokens);
        _time = time;
    }

    /// <inheritdoc />
    public override IReadOnlyList<string> RootPaths => ["revoke-orphan", "revoke-orphan/*", "accessors/"];

    /// <inheritdoc />
    protected override IReadOnlyList<PathDefinition> DefinePaths() =>
    [
        Path("create", TokenCreator.Fields, update: (r, d, ct) => Created(_creator.CreateAsync(r, d, false, null, ct))),
        Path("create-orphan", TokenCreator.Fields, update: (r, d, ct) => Created(_creator.CreateAsync(r, d, true, null, ct))),
        Path("create/(?<role_name>[^/]+)", TokenCreator.RoleFields, update: (r, d, ct) => Created(_creator.CreateAsync(r, d, false, d.GetString("role_name"), ct))),
        Path("lookup(/(?<token>.+))?", TokenField, read: LookupAsync, update: LookupAsync),
        Path("lookup-self", TokenField, read: LookupSelfAsync, update: LookupSelfAsync),
        Path("lookup-accessor(/(?<accessor>.+))?", AccessorField, update: LookupAccessorAsync),
        Path("renew(/(?<token>.+))?", TokenField, update: (r, d, ct) => RenewAsync(d.GetString("token"), d, returnToken: true, ct)),
        Path("renew-self", TokenField, update: (r, d, ct) => RenewAsync(r.ClientToken ?? "", d, returnToken: true, ct)),
        Path("renew-accessor", AccessorField, update: RenewAccessorAsync),
        Path("revoke(/(?<token>.+))?", TokenField, update: (r, d, ct) => RevokeAsync(d.GetString("token"), orphan: false, ct)),
        Path("revoke-self", TokenField, update: (r, d, ct) => RevokeAsync(r.ClientToken ?? "", orphan: false, ct)),
        Path("revoke-accessor(/(?<accessor>.+))?", AccessorField, update: RevokeAccessorAsync),
        Path("revoke-orphan(/(?<token>.+))?", TokenField, update: (r, d, ct) => RevokeAsync(d.GetString("token"), orphan: true, ct)),
        new PathDefinition
        {
            Pattern = "accessors/?",
            Operations = new Dictionary<Operation, PathHandler> { [Operation.List] = async (r, d, ct) => LogicalResponse.List(await _tokens.ListAccessorsAsync(ct).ConfigureAwait(false)) },
            HelpSynopsis = "List token accessors (sudo).",
        },
        new PathDefinition
        {
            Pattern = "tidy",
            Operations = new Dictionary<Operation, PathHandler> { [Operation.Update] = TidyAsync },
            HelpSynopsis = "Remove expired tokens and dangling index entries.",
        },
        .. _roles.Define(),
    ];

    private static PathDefinition Path(string pattern, IReadOnlyDictionary<string, FieldSchema> fields, PathHandler? read = null, PathHandler? update = null)
    {
        var operations = new Dictionary<Operation, PathHandler>();
        if (read is not null)
        {
            operations[Operation.Read] = read;
        }

        if (update is not null)
        {
            operations[Operation.Update] = update;
        }

        return new PathDefinition { Pattern = pattern, Fields = fields, Operations = operations, HelpSynopsis = "Token store: " + pattern.Split('(')[0] };
    }

    private static async Task<LogicalResponse?> Created(Task<LogicalResponse> create) => await create.ConfigureAwait(false);

    private async Task<LogicalResponse?> LookupAsync(LogicalRequest request, FieldData data, CancellationToken ct)
    {
        var token = data.GetString("token");
        if (token.Length == 0)
        {
            throw LogicalException.BadRequest("missing token to look up");
        }

        var entry = await _tokens.LookupAsync(token, ct).ConfigureAwait(false) ?? throw new LogicalException(403, "bad token");
        return LogicalResponse.WithData(TokenResponses.Lookup(entry, token, _time.GetUtcNow()));
    }

    private async Task<LogicalResponse?> LookupSelfAsync(LogicalRequest request, FieldData data, CancellationToken ct)
    {
        var entry = await _tokens.LookupAsync(request.ClientToken, ct).ConfigureAwait(false) ?? throw new LogicalException(403, "bad token");
        return LogicalResponse.WithData(TokenResponses.Lookup(entry, request.ClientToken!, _time.GetUtcNow()));
    }

    private async Task<LogicalResponse?> LookupAccessorAsync(LogicalRequest request, FieldData data, CancellationToken ct)
    {
        var entry = await _tokens.LookupByAccessorAsync(data.GetString("accessor"), ct).ConfigureAwait(false) ?? throw LogicalException.BadRequest("invalid accessor");
        return LogicalResponse.WithData(TokenResponses.Lookup(entry, "", _time.GetUtcNow()));
    }

    private async Task<LogicalResponse?> RenewAsync(string token, FieldData data, bool returnToken, CancellationToken ct)
    {
        var entry = await _tokens.LookupAsync(token, ct).ConfigureAwait(false) ?? throw LogicalException.BadRequest("invalid token");
        return await RenewEntryAsync(entry, returnToken ? token : "", data, ct).ConfigureAwait(false);
    }

    private async Task<LogicalResponse?> RenewAccessorAsync(LogicalRequest request, FieldData data, CancellationToken ct)
    {
        var entry = await _tokens.LookupByAccessorAsync(data.GetString("accessor"), ct).ConfigureAwait(false) ?? throw LogicalException.BadRequest("invalid accessor");
        return await RenewEntryAsync(entry, "", data, ct).ConfigureAwait(false);
    }

    private async Task<LogicalResponse?> RenewEntryAsync(TokenEntry entry, string shownToken, FieldData data, CancellationToken ct)
    {
        var (renewed, warning) = await _tokens.RenewAsync(entry, data.GetDuration("increment"), ct).ConfigureAwait(false);
        return new LogicalResponse { IssuedAuth = TokenResponses.Auth(shownToken, renewed, _time.GetUtcNow()), Warnings = warning is null ? [] : [warning] };
    }

    private async Task<LogicalResponse?> RevokeAsync(string token, bool orphan, CancellationToken ct)
    {
        if (token.Length == 0)
        {
            throw LogicalException.BadRequest("need token");
        }

        var hash = await _tokens.HashOfAsync(token, ct).ConfigureAwait(false);
        if (orphan)
        {
            await _tokens.RevokeOrphanAsync(hash, ct).ConfigureAwait(false);
        }
        else
        {
            await _tokens.RevokeTreeAsync(hash, ct).ConfigureAwait(false);
        }

        return null;
    }

    private async Task<LogicalResponse?> RevokeAccessorAsync(LogicalRequest request, FieldData data, CancellationToken ct)
    {
        var entry = await _tokens.LookupByAccessorAsync(data.GetString("accessor"), ct).ConfigureAwait(false) ?? throw LogicalException.BadRequest("invalid accessor");
        await _tokens.RevokeTreeAsync(entry.Hash, ct).ConfigureAwait(false);
        return null;
    }

    private async Task<LogicalResponse?> TidyAsync(LogicalRequest request, FieldData data, CancellationToken ct)
    {
        await _tokens.TidyAsync(ct).ConfigureAwait(false);
        return new LogicalResponse
        {
            StatusCode = 202,
            Data = new Dictionary<string, object?>(),
            Warnings = ["Tidy operation successfully started. Any information from the operation will be printed to Vault's server logs."],
        };
    }
}
