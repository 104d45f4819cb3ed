using SecretVault.Core.Seal;
using SecretVault.Sdk.Framework;
using SecretVault.Sdk.Logical;

namespace SecretVault.Core.System;

/// <summary>
/// <c>sys/generate-root/attempt</c>, <c>sys/generate-root/update</c> and <c>sys/decode-token</c>, with Vault's
/// plain JSON bodies. By default generation needs a token with <c>sudo</c>: unauthenticated callers could
/// otherwise cancel or occupy the single attempt (CVE-2026-5807; OpenBao disables them by default too). With
/// <see cref="VaultOptions.DisableUnauthedGenerateRoot"/> false they need no token, as in Vault, so that an operator
/// who lost every admin token can still make a root token from a quorum of unseal keys.
/// </summary>
public sealed class GenerateRootPaths
{
    private readonly RootTokenGeneration _generation;

    public GenerateRootPaths(RootTokenGeneration generation, VaultOptions options)
    {
        _generation = generation;
        RootPaths = options.DisableUnauthedGenerateRoot ? ["generate-root/*"] : [];
        UnauthenticatedPaths = options.DisableUnauthedGenerateRoot
            ? ["decode-token"]
            : ["decode-token", "generate-root/attempt", "generate-root/update"];
    }

    /// <summary>Paths (relative to <c>sys/</c>) that need a token with <c>sudo</c>.</summary>
    public IReadOnlyList<string> RootPaths { get; }

    /// <summary>Paths (relative to <c>sys/</c>) that need no token: decoding needs the OTP, which only its holder has.</summary>
    public IReadOnlyList<string> UnauthenticatedPaths { get; }

    /// <summary>The path definitions, relative to <c>sys/</c>.</summary>
    public IReadOnlyList<PathDefinition> Define() =>
    [
        new PathDefinition
        {
            Pattern = "generate-root/attempt",
            Fields = new Dictionary<string, FieldSchema> { ["otp"] = new(FieldType.String), ["pgp_key"] = new(FieldType.String) },
            Operations = new Dictionary<Operation, PathHandler>
            {
                [Operation.Read] = async (request, data, ct) => Body(await _generation.StatusAsync(ct).ConfigureAwait(false)),
                [Operation.Update] = async (request, data, ct) => Body(await _generation.StartAsync(data.GetString("otp"), data.GetString("pgp_key"), ct).ConfigureAwait(false)),
                [Operation.Delete] = async (request, data, ct) =>
                {
                    await _generation.CancelAsync(ct).ConfigureAwait(false);
                    return null;
                },
            },
            HelpSynopsis = "Reads, starts or cancels the root token generation attempt.",
        },
        new PathDefinition
        {
            Pattern = "generate-root/update",
            Fields = new Dictionary<string, FieldSchema> { ["key"] = new(FieldType.String), ["nonce"] = new(FieldType.String) },
            Operations = new Dictionary<Operation, PathHandler> { [Operation.Update] = UpdateAsync },
            HelpSynopsis = "Adds one unseal key share to the root token generation attempt.",
        },
        new PathDefinition
        {
            Pattern = "decode-token",
            Fields = new Dictionary<string, FieldSchema> { ["encoded_token"] = new(FieldType.String), ["otp"] = new(FieldType.String) },
            Operations = new Dictionary<Operation, PathHandler> { [Operation.Update] = DecodeAsync },
            HelpSynopsis = "Decodes a generated root token with its OTP.",
        },
    ];

    private async Task<LogicalResponse?> UpdateAsync(LogicalRequest request, FieldData data, CancellationToken ct)
    {
        var key = data.GetString("key");
        if (key.Length == 0)
        {
            throw LogicalException.BadRequest("'key' must be specified in request body as JSON");
        }

        return Body(await _generation.UpdateAsync(UnsealKeyDecoder.DecodeField(key), data.GetString("nonce"), ct).ConfigureAwait(false));
    }

    private static Task<LogicalResponse?> DecodeAsync(LogicalRequest request, FieldData data, CancellationToken ct)
    {
        var encoded = data.GetString("encoded_token");
        var otp = data.GetString("otp");
        if (encoded.Length == 0 || otp.Length == 0)
        {
            throw LogicalException.BadRequest("encoded_token and otp are both required");
        }

        try
        {
            return Task.FromResult<LogicalResponse?>(LogicalResponse.WithData(new Dictionary<string, object?> { ["token"] = RootTokenEncoding.Decode(encoded, otp) }));
        }
        catch (FormatException ex)
        {
            throw LogicalException.BadRequest(ex.Message);
        }
    }

    private static LogicalResponse Body(GenerateRootStatus status) => LogicalResponse.Raw(new Dictionary<string, object?>
    {
        ["started"] = status.Started,
        ["nonce"] = status.Nonce,
        ["progress"] = status.Progress,
        ["required"] = status.Required,
        ["complete"] = status.Complete,
        ["encoded_token"] = status.EncodedToken,
        ["encoded_root_token"] = status.EncodedToken,
        ["pgp_fingerprint"] = "",
        ["otp"] = status.Otp,
        ["otp_length"] = status.OtpLength,
    });
}
