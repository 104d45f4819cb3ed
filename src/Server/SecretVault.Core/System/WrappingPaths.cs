using SecretVault.Core.Responses;
using SecretVault.Core.Wrapping;
using SecretVault.Sdk.Framework;
using SecretVault.Sdk.Logical;

namespace SecretVault.Core.System;

/// <summary><c>sys/wrapping/wrap</c>, <c>unwrap</c>, <c>lookup</c> and <c>rewrap</c>.</summary>
public sealed class WrappingPaths
{
    /// <summary>Paths (relative to <c>sys/</c>) that need no token: the receiver checks a token before using it.</summary>
    public static readonly IReadOnlyList<string> UnauthenticatedPaths = ["wrapping/lookup"];

    private readonly ResponseWrapper _wrapper;

    public WrappingPaths(ResponseWrapper wrapper)
    {
        _wrapper = wrapper;
    }

    /// <summary>The path definitions, relative to <c>sys/</c>.</summary>
    public IReadOnlyList<PathDefinition> Define() =>
    [
        new PathDefinition
        {
            Pattern = "wrapping/wrap",
            TakesArbitraryFields = true,
            Operations = new Dictionary<Operation, PathHandler> { [Operation.Update] = WrapAsync },
            HelpSynopsis = "Wraps the request body in a single-use token (needs X-Vault-Wrap-TTL).",
        },
        Token("wrapping/unwrap", UnwrapAsync, "Answers the wrapped response and spends the wrapping token."),
        Token("wrapping/lookup", LookupAsync, "The creation path, time and TTL of a wrapping token, without spending it."),
        Token("wrapping/rewrap", RewrapAsync, "Moves a wrapped response to a new wrapping token with the same TTL."),
    ];

    private static PathDefinition Token(string pattern, PathHandler handler, string help) => new()
    {
        Pattern = pattern,
        Fields = new Dictionary<string, FieldSchema> { ["token"] = new(FieldType.String) },
        Operations = new Dictionary<Operation, PathHandler> { [Operation.Update] = handler },
        HelpSynopsis = help,
    };

    private static Task<LogicalResponse?> WrapAsync(LogicalRequest request, FieldData data, CancellationToken ct)
    {
        if (request.WrapTtl is null)
        {
            throw LogicalException.BadRequest("endpoint requires response wrapping to be used");
        }

        // As Vault: only the wrap TTL is required; an empty body wraps no data, and unwrapping answers "data": null.
        return Task.FromResult<LogicalResponse?>(request.Data.Count == 0
            ? new LogicalResponse { WrapWhenEmpty = true }
            : LogicalResponse.WithData(request.Data.ToDictionary(p => p.Key, p => (object?)p.Value, StringComparer.Ordinal)));
    }

    private async Task<LogicalResponse?> UnwrapAsync(LogicalRequest request, FieldData data, CancellationToken ct)
    {
        var (token, isClientToken) = TokenOf(request, data);
        var envelope = await _wrapper.UnwrapAsync(token, isClientToken, ct).ConfigureAwait(false);
        return RawBytesData.Read(envelope) ?? LogicalResponse.Raw(envelope);
    }

    private async Task<LogicalResponse?> LookupAsync(LogicalRequest request, FieldData data, CancellationToken ct)
    {
        var token = data.GetString("token");
        if (token.Length == 0)
        {
            throw LogicalException.BadRequest("missing \"token\" value in input");
        }

        var entry = await _wrapper.LookupAsync(token, ct).ConfigureAwait(false)
            ?? throw LogicalException.BadRequest("wrapping token is not valid or does not exist");
        return LogicalResponse.WithData(new Dictionary<string, object?>
        {
            ["creation_path"] = entry.Path,
            ["creation_time"] = EnvelopeWriter.Rfc3339(DateTimeOffset.FromUnixTimeSeconds(entry.CreationTime)),
            ["creation_ttl"] = entry.Ttl,
        });
    }

    private async Task<LogicalResponse?> RewrapAsync(LogicalRequest request, FieldData data, CancellationToken ct)
    {
        var (token, isClientToken) = TokenOf(request, data);
        return await _wrapper.RewrapAsync(token, isClientToken, ct).ConfigureAwait(false);
    }

    // The wrapping token comes in the body, or is the client token itself.
    private static (string Token, bool IsClientToken) TokenOf(LogicalRequest request, FieldData data)
    {
        var token = data.GetString("token");
        return token.Length > 0 ? (token, false) : (request.ClientToken ?? "", true);
    }
}
