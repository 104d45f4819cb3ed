using System.Text.Json;
using SecretVault.Core.Policies;
using SecretVault.Core.Responses;
using SecretVault.Core.Tokens;
using SecretVault.Sdk.Logical;
using SecretVault.Sdk.Storage;

namespace SecretVault.Core.Wrapping;

/// <summary>
/// Response wrapping: the would-be response envelope goes into the cubbyhole (<c>response</c>) of a new
/// single-use orphan token with the wrap TTL and the <c>response-wrapping</c> policy; the client gets only
/// that token's <c>wrap_info</c>. Unwrapping spends the token's one use, so a wrapped response is read once.
/// </summary>
public sealed class ResponseWrapper
{
    private const string PayloadKey = "response";

    private readonly TokenStore _tokens;
    private readonly IStorage _barrier;
    private readonly TimeProvider _time;

    public ResponseWrapper(TokenStore tokens, Barrier.ISecurityBarrier barrier, TimeProvider time)
    {
        _tokens = tokens;
        _barrier = barrier;
        _time = time;
    }

    /// <summary>Wraps <paramref name="response"/> (answered to <paramref name="requestId"/> on <paramref name="creationPath"/>).</summary>
    public async Task<ResponseEnvelope> WrapAsync(string requestId, string creationPath, ResponseEnvelope response, TimeSpan ttl, CancellationToken ct) => new()
    {
        Response = new LogicalResponse(),
        WrapInfo = await StoreAsync(EnvelopeWriter.ToUtf8(requestId, response), creationPath, ttl, response.IssuedAuth?.Accessor ?? "", ct).ConfigureAwait(false),
    };

    /// <summary>
    /// The wrapping token behind <paramref name="token"/> when it is one, else null. Does not spend a use.
    /// </summary>
    public async Task<TokenEntry?> LookupAsync(string? token, CancellationToken ct)
    {
        var entry = await _tokens.LookupAsync(token, ct).ConfigureAwait(false);
        return entry is not null && entry.Policies.Count == 1 && entry.Policies[0] == PolicyNames.ResponseWrapping ? entry : null;
    }

    /// <summary>
    /// Reads the wrapped envelope of <paramref name="token"/> and revokes the token. When the token is the request's
    /// own client token its use is already spent (the core revokes it after the request); otherwise it is spent here.
    /// </summary>
    public async Task<JsonElement> UnwrapAsync(string token, bool isClientToken, CancellationToken ct)
    {
        var (entry, payload) = await TakeAsync(token, isClientToken, ct).ConfigureAwait(false);
        if (!isClientToken)
        {
            await _tokens.RevokeTreeAsync(entry.Hash, ct).ConfigureAwait(false);
        }

        using var document = JsonDocument.Parse(payload);
        return document.RootElement.Clone();
    }

    /// <summary>Moves the wrapped response of <paramref name="token"/> to a new wrapping token with the same TTL and creation path.</summary>
    public async Task<LogicalResponse> RewrapAsync(string token, bool isClientToken, CancellationToken ct)
    {
        var (entry, payload) = await TakeAsync(token, isClientToken, ct).ConfigureAwait(false);
        var rewrapped = await StoreAsync(payload, entry.Path, TimeSpan.FromSeconds(entry.Ttl), WrappedAccessorOf(payload), ct).ConfigureAwait(false);
        if (!isClientToken)
        {
            await _tokens.RevokeTreeAsync(entry.Hash, ct).ConfigureAwait(false);
        }

        return new LogicalResponse { WrapInfo = rewrapped };
    }

    private async Task<(TokenEntry Entry, byte[] Payload)> TakeAsync(string token, bool isClientToken, CancellationToken ct)
    {
        var entry = await LookupAsync(token, ct).ConfigureAwait(false);
        if (entry is not null && !isClientToken)
        {
            // Spend the single use; a concurrent unwrap of the same token gets null here.
            entry = await _tokens.UseAsync(token, ct).ConfigureAwait(false);
        }

        if (entry is null)
        {
            throw InvalidToken();
        }

        var stored = await _barrier.GetAsync(PayloadPath(entry.Hash), ct).ConfigureAwait(false) ?? throw InvalidToken();
        using var document = JsonDocument.Parse(stored);
        var payload = document.RootElement.GetProperty(PayloadKey).GetString() ?? throw InvalidToken();
        return (entry, global::System.Text.Encoding.UTF8.GetBytes(payload));
    }

    private async Task<WrapInfo> StoreAsync(byte[] envelope, string creationPath, TimeSpan ttl, string wrappedAccessor, CancellationToken ct)
    {
        // Tokens count whole seconds and a TTL of 0 means "never expires": a fraction rounds up, and no TTL is refused.
        ttl = ttl > TimeSpan.Zero ? TimeSpan.FromSeconds(Math.Ceiling(ttl.TotalSeconds)) : throw LogicalException.BadRequest("requested wrap ttl must be greater than zero");
        var created = _time.GetUtcNow();
        var (token, entry) = await _tokens.CreateAsync(new TokenCreateRequest
        {
            Policies = [PolicyNames.ResponseWrapping],
            Path = creationPath,
            DisplayName = "response-wrapping",
            Ttl = ttl,
            ExplicitMaxTtl = ttl,
            NumUses = 1,
            Renewable = false,
        }, ct).ConfigureAwait(false);
        try
        {
            var stored = StoredJson.Serialize(new Dictionary<string, string> { [PayloadKey] = global::System.Text.Encoding.UTF8.GetString(envelope) });
            await _barrier.PutAsync(PayloadPath(entry.Hash), stored, ct).ConfigureAwait(false);
        }
        catch
        {
            await _tokens.RevokeTreeAsync(entry.Hash, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        return new WrapInfo
        {
            Token = token,
            Accessor = entry.Accessor,
            Ttl = (long)ttl.TotalSeconds,
            CreationTime = created,
            CreationPath = creationPath,
            WrappedAccessor = wrappedAccessor,
        };
    }

    private static string WrappedAccessorOf(byte[] envelope)
    {
        using var document = JsonDocument.Parse(envelope);
        return document.RootElement.TryGetProperty("auth", out var auth) && auth.ValueKind == JsonValueKind.Object && auth.TryGetProperty("accessor", out var accessor)
            ? accessor.GetString() ?? ""
            : "";
    }

    // The token's cubbyhole, where `vault read cubbyhole/response` with the wrapping token also finds it.
    private static string PayloadPath(string tokenHash) => $"cubbyhole/{tokenHash}/{PayloadKey}";

    private static LogicalException InvalidToken() => LogicalException.BadRequest("wrapping token is not valid or does not exist");
}
