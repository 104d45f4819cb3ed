using SecretVault.Core.Responses;
using SecretVault.Core.Wrapping;

namespace SecretVault.Core.Pipeline.Steps;

/// <summary>
/// Response wrapping: when the client asked (<c>X-Vault-Wrap-TTL</c>), an answer with something in it is replaced
/// by a single-use wrapping token, raw bytes included (as Vault; unwrapping answers them again). Errors, empty
/// answers, the sys/ JSON bodies without an envelope and answers that already carry wrap info are answered as they are. Without a token only a login is wrapped: anything else would let anonymous callers mint
/// wrapping tokens.
/// </summary>
public sealed class WrappingStep : IRequestStep
{
    private readonly ResponseWrapper _wrapper;
    private readonly VaultOptions _options;

    public WrappingStep(ResponseWrapper wrapper, VaultOptions options)
    {
        _wrapper = wrapper;
        _options = options;
    }

    /// <inheritdoc />
    public async Task<ResponseEnvelope?> InvokeAsync(RequestContext context, RequestStepDelegate next, CancellationToken ct)
    {
        var response = await next(context, ct).ConfigureAwait(false);
        var request = context.Request;
        if (request.WrapTtl is not { } ttl
            || response is null
            || (response.IsEmpty && !response.Response.WrapWhenEmpty)
            || response.WrapInfo is not null
            || response.Response.RawBody is not null
            || (context.Unauthenticated && response.IssuedAuth is null))
        {
            return response;
        }

        // A wrapping token lives no longer than any lease may (an absurd header cannot mint a near-permanent token).
        return await _wrapper.WrapAsync(request.Id, request.Path, response, ttl > _options.MaxLeaseTtl ? _options.MaxLeaseTtl : ttl, ct).ConfigureAwait(false);
    }
}
