using System.Text.Json;
using SecretVault.Core.Tokens;
using SecretVault.Sdk.Framework;
using SecretVault.Sdk.Logical;
using SecretVault.Sdk.Storage;

namespace SecretVault.Core.Cubbyhole;

/// <summary>
/// <c>cubbyhole/</c>: KV v1 semantics in storage private to the calling token. Each token's data sits
/// under its salted hash, so no other token, root included, can reach it; it is destroyed with the token.
/// </summary>
public sealed class CubbyholeBackend : FrameworkBackend
{
    private readonly TokenStore _tokens;

    public CubbyholeBackend(TokenStore tokens)
    {
        _tokens = tokens;
    }

    /// <inheritdoc />
    protected override IReadOnlyList<PathDefinition> DefinePaths() =>
    [
        new PathDefinition
        {
            Pattern = "(?<path>.*)",
            TakesArbitraryFields = true,
            ExistenceCheck = async (request, data, ct) => await (await ViewAsync(request, ct).ConfigureAwait(false)).GetAsync(request.Path, ct).ConfigureAwait(false) is not null,
            Operations = new Dictionary<Operation, PathHandler>
            {
                [Operation.Read] = ReadAsync,
                [Operation.List] = ListAsync,
                [Operation.Update] = WriteAsync,
                [Operation.Delete] = DeleteAsync,
            },
            HelpSynopsis = "Private secret storage of the calling token, destroyed when the token is revoked or expires.",
        },
    ];

    private async Task<IStorage> ViewAsync(LogicalRequest request, CancellationToken ct)
    {
        var token = await _tokens.LookupAsync(request.ClientToken, ct).ConfigureAwait(false) ?? throw LogicalException.PermissionDenied();
        if (token.IsBatch)
        {
            throw LogicalException.BadRequest("cubbyhole: batch tokens have no cubbyhole");
        }

        return new StorageView(request.RequiredStorage, token.Hash + "/");
    }

    private async Task<LogicalResponse?> ReadAsync(LogicalRequest request, FieldData data, CancellationToken ct)
    {
        if (request.Path.Length == 0 || request.Path.EndsWith('/'))
        {
            return null;
        }

        var bytes = await (await ViewAsync(request, ct).ConfigureAwait(false)).GetAsync(request.Path, ct).ConfigureAwait(false);
        return bytes is null ? null : LogicalResponse.WithData(StoredJson.Deserialize<Dictionary<string, JsonElement>>(bytes)!.ToDictionary(p => p.Key, p => (object?)p.Value));
    }

    private async Task<LogicalResponse?> ListAsync(LogicalRequest request, FieldData data, CancellationToken ct)
    {
        var prefix = request.Path.Length == 0 || request.Path.EndsWith('/') ? request.Path : request.Path + "/";
        return LogicalResponse.List(await (await ViewAsync(request, ct).ConfigureAwait(false)).ListAsync(prefix, ct).ConfigureAwait(false));
    }

    private async Task<LogicalResponse?> WriteAsync(LogicalRequest request, FieldData data, CancellationToken ct)
    {
        if (request.Path.Length == 0 || request.Path.EndsWith('/'))
        {
            throw LogicalException.BadRequest("cannot write to a path ending in '/'");
        }

        // Vault's cubbyhole refuses an empty body with a plain error, which its core answers with 500 (KV v1 says 400).
        if (request.Data.Count == 0)
        {
            throw new LogicalException(500, "missing data fields");
        }

        await (await ViewAsync(request, ct).ConfigureAwait(false)).PutAsync(request.Path, StoredJson.Serialize(request.Data), ct).ConfigureAwait(false);
        return null;
    }

    private async Task<LogicalResponse?> DeleteAsync(LogicalRequest request, FieldData data, CancellationToken ct)
    {
        await (await ViewAsync(request, ct).ConfigureAwait(false)).DeleteAsync(request.Path, ct).ConfigureAwait(false);
        return null;
    }
}
