using System.Security.Cryptography;
using SecretVault.Core.Seal;
using SecretVault.Sdk.Framework;
using SecretVault.Sdk.Logical;

namespace SecretVault.Core.System;

/// <summary>
/// <c>sys/rekey/init</c>, <c>sys/rekey/update</c>, <c>sys/rekey/verify</c> and <c>sys/rekey/backup</c>, with Vault's plain JSON bodies.
/// By default they need a token with <c>sudo</c>: unauthenticated callers could otherwise cancel or occupy the
/// single rekey (CVE-2025-4656, CVE-2025-52894; OpenBao disables them by default). With
/// <see cref="VaultOptions.DisableUnauthedRekey"/> false, init, update and verify need no token, as in Vault; the backup
/// stays <c>sudo</c>. No PGP, so no backup is ever kept.
/// </summary>
public sealed class RekeyPaths
{
    private readonly RekeyOperation _rekey;

    public RekeyPaths(RekeyOperation rekey, VaultOptions options)
    {
        _rekey = rekey;
        RootPaths = options.DisableUnauthedRekey ? ["rekey/*"] : ["rekey/backup", "rekey/recovery-key-backup"];
        UnauthenticatedPaths = options.DisableUnauthedRekey ? [] : ["rekey/init", "rekey/update", "rekey/verify"];
    }

    /// <summary>Paths (relative to <c>sys/</c>) that need a token with <c>sudo</c>.</summary>
    public IReadOnlyList<string> RootPaths { get; }

    /// <summary>Paths (relative to <c>sys/</c>) that need no token.</summary>
    public IReadOnlyList<string> UnauthenticatedPaths { get; }

    /// <summary>The path definitions, relative to <c>sys/</c>.</summary>
    public IReadOnlyList<PathDefinition> Define() =>
    [
        new PathDefinition
        {
            Pattern = "rekey/init",
            Fields = new Dictionary<string, FieldSchema>
            {
                ["secret_shares"] = new(FieldType.Int),
                ["secret_threshold"] = new(FieldType.Int),
                ["pgp_keys"] = new(FieldType.CommaStringSlice),
                ["backup"] = new(FieldType.Bool),
                ["require_verification"] = new(FieldType.Bool),
            },
            Operations = new Dictionary<Operation, PathHandler>
            {
                [Operation.Read] = async (request, data, ct) => Status(await _rekey.StatusAsync(ct).ConfigureAwait(false)),
                [Operation.Update] = StartAsync,
                [Operation.Delete] = async (request, data, ct) =>
                {
                    await _rekey.CancelAsync(ct).ConfigureAwait(false);
                    return null;
                },
            },
            HelpSynopsis = "Reads, starts or cancels a rekey of the unseal key shares and the root key.",
        },
        new PathDefinition
        {
            Pattern = "rekey/update",
            Fields = KeyFields(),
            Operations = new Dictionary<Operation, PathHandler> { [Operation.Update] = UpdateAsync },
            HelpSynopsis = "Adds one current unseal key share to the rekey.",
        },
        new PathDefinition
        {
            Pattern = "rekey/verify",
            Fields = KeyFields(),
            Operations = new Dictionary<Operation, PathHandler>
            {
                [Operation.Read] = async (request, data, ct) => Verification(await _rekey.VerificationStatusAsync(ct).ConfigureAwait(false)),
                [Operation.Update] = VerifyAsync,
                [Operation.Delete] = async (request, data, ct) => Verification(await _rekey.RestartVerificationAsync(ct).ConfigureAwait(false)),
            },
            HelpSynopsis = "Verifies the new unseal key shares before they take effect.",
        },
        new PathDefinition
        {
            // Vault keeps PGP-encrypted shares here after a rekey with backup=true; without PGP there never are any,
            // so a read answers as Vault does when none were backed up, and a delete has nothing to remove.
            Pattern = "rekey/(backup|recovery-key-backup)",
            Operations = new Dictionary<Operation, PathHandler>
            {
                [Operation.Read] = (request, data, ct) => throw LogicalException.BadRequest("no backed-up keys found"),
                [Operation.Delete] = (request, data, ct) => Task.FromResult<LogicalResponse?>(null),
            },
            HelpSynopsis = "Reads or deletes the PGP-encrypted unseal (or recovery) key shares backed up by a rekey.",
        },
    ];

    private static Dictionary<string, FieldSchema> KeyFields() => new() { ["key"] = new(FieldType.String), ["nonce"] = new(FieldType.String) };

    private async Task<LogicalResponse?> StartAsync(LogicalRequest request, FieldData data, CancellationToken ct)
    {
        if (data.GetBool("backup"))
        {
            throw LogicalException.BadRequest("cannot request a backup of the new keys without providing PGP keys for encryption");
        }

        if (data.GetStrings("pgp_keys").Count > 0)
        {
            throw LogicalException.BadRequest("PGP-encrypted rekey is not supported by this server");
        }

        var status = await _rekey.StartAsync((int)data.GetInt("secret_shares"), (int)data.GetInt("secret_threshold"), data.GetBool("require_verification"), ct).ConfigureAwait(false);
        return Status(status);
    }

    private async Task<LogicalResponse?> UpdateAsync(LogicalRequest request, FieldData data, CancellationToken ct)
    {
        var result = await _rekey.UpdateAsync(UnsealKeyDecoder.DecodeField(RequiredKey(data)), data.GetString("nonce"), ct).ConfigureAwait(false);
        if (result.NewShares is not { } shares)
        {
            return Status(result.Status);
        }

        try
        {
            var body = new Dictionary<string, object?>
            {
                ["nonce"] = result.Status.Nonce,
                ["complete"] = true,
                ["keys"] = shares.Select(Convert.ToHexStringLower).ToArray(),
                ["keys_base64"] = shares.Select(s => Convert.ToBase64String(s)).ToArray(),
                ["pgp_fingerprints"] = null,
                ["backup"] = false,
                ["verification_required"] = result.Status.VerificationRequired,
            };
            if (result.Status.VerificationRequired)
            {
                body["verification_nonce"] = result.Status.VerificationNonce;
            }

            if (result.Warning is not null)
            {
                body["warnings"] = new[] { result.Warning };
            }

            return LogicalResponse.Raw(body);
        }
        finally
        {
            foreach (var share in shares)
            {
                CryptographicOperations.ZeroMemory(share);
            }
        }
    }

    private async Task<LogicalResponse?> VerifyAsync(LogicalRequest request, FieldData data, CancellationToken ct)
    {
        var nonce = data.GetString("nonce");
        var status = await _rekey.VerifyAsync(UnsealKeyDecoder.DecodeField(RequiredKey(data)), nonce, ct).ConfigureAwait(false);
        return status is null
            ? LogicalResponse.Raw(new Dictionary<string, object?> { ["nonce"] = nonce, ["complete"] = true })
            : Verification(status);
    }

    private static string RequiredKey(FieldData data)
    {
        var key = data.GetString("key");
        return key.Length > 0 ? key : throw LogicalException.BadRequest("'key' must be specified in request body as JSON");
    }

    private static LogicalResponse Status(RekeyStatus status)
    {
        var body = new Dictionary<string, object?>
        {
            ["nonce"] = status.Nonce,
            ["started"] = status.Started,
            ["t"] = status.T,
            ["n"] = status.N,
            ["progress"] = status.Progress,
            ["required"] = status.Required,
            ["pgp_fingerprints"] = null,
            ["backup"] = false,
            ["verification_required"] = status.VerificationRequired,
        };
        if (status.VerificationNonce.Length > 0)
        {
            body["verification_nonce"] = status.VerificationNonce;
        }

        return LogicalResponse.Raw(body);
    }

    private static LogicalResponse Verification(RekeyStatus status) => LogicalResponse.Raw(new Dictionary<string, object?>
    {
        ["nonce"] = status.VerificationNonce,
        ["started"] = status.VerificationNonce.Length > 0,
        ["t"] = status.T,
        ["n"] = status.N,
        ["progress"] = status.VerificationProgress,
    });
}
