using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using SecretVault.Core.Tokens;
using SecretVault.Sdk.Logical;
using SecretVault.Storage.Abstractions;

namespace SecretVault.Core.Seal;

/// <summary>
/// Root token generation (<c>sys/generate-root/*</c>): a quorum of unseal key holders authorizes a new root
/// token, which is handed out encoded with a one-time pad. One attempt at a time, held only in memory and
/// dropped on seal. The shares are checked by opening the stored root key with the key they combine to.
/// </summary>
public sealed partial class RootTokenGeneration : KeyHolderCeremony
{
    private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private readonly TokenStore _tokens;
    private readonly ILogger<RootTokenGeneration> _log;
    private readonly KeyShareSet _shares = new();
    private string? _nonce;
    private string _otp = "";

    public RootTokenGeneration(IPhysicalBackend physical, TokenStore tokens, KeyHolderCeremonyLock ceremonyLock, ILogger<RootTokenGeneration> log)
        : base(physical, ceremonyLock)
    {
        _tokens = tokens;
        _log = log;
    }

    /// <summary>The OTP length: a root token's length, since the OTP pads the token byte for byte.</summary>
    public static int OtpLength => TokenGenerator.ServiceTokenLength;

    /// <summary>The current attempt, or an attempt not started.</summary>
    public Task<GenerateRootStatus> StatusAsync(CancellationToken ct) => StepAsync(config => Task.FromResult(Status(config)), ct);

    /// <summary>Starts an attempt with the caller's OTP, or with one the server generates and returns once.</summary>
    public async Task<GenerateRootStatus> StartAsync(string otp, string pgpKey, CancellationToken ct)
    {
        if (pgpKey.Length > 0)
        {
            throw LogicalException.BadRequest("pgp_key is not supported by this server; use an OTP");
        }

        // As Vault: the pad is the OTP's bytes, so any OTP of the token's length in bytes will do (the XOR then
        // lines up byte for byte); what the OTP is made of is the client's choice.
        if (otp.Length > 0 && Encoding.UTF8.GetByteCount(otp) != OtpLength)
        {
            throw LogicalException.BadRequest("OTP string has incorrect length");
        }

        return await StepAsync(config =>
        {
            if (_nonce is not null)
            {
                throw LogicalException.BadRequest("root generation already in progress");
            }

            var generated = otp.Length == 0;
            _otp = generated ? RandomNumberGenerator.GetString(Base62, OtpLength) : otp;
            _nonce = Guid.NewGuid().ToString();
            LogStarted(_log, _nonce);
            return Task.FromResult(Status(config) with { Otp = generated ? _otp : "" });
        }, ct).ConfigureAwait(false);
    }

    /// <summary>Cancels the attempt and forgets its shares; nothing to cancel is not an error.</summary>
    public Task CancelAsync(CancellationToken ct) => StepAsync(_ =>
    {
        if (_nonce is not null)
        {
            LogCancelled(_log, _nonce);
        }

        Forget();
        return Task.FromResult(0);
    }, ct);

    /// <summary>
    /// Adds one unseal key share (the buffer is taken over and zeroed). At the threshold the shares must open the
    /// root key; then a root token is created and returned encoded, and the attempt ends. Shares that do not open
    /// it are dropped and the attempt stays, so key holders can try again.
    /// </summary>
    public Task<GenerateRootStatus> UpdateAsync(byte[] share, string nonce, CancellationToken ct) =>
        ShareStepAsync(share, config => UpdateLockedAsync(config, share, nonce, ct), ct);

    /// <inheritdoc />
    protected override void Forget()
    {
        _shares.Forget();
        _nonce = null;
        _otp = "";
    }

    private async Task<GenerateRootStatus> UpdateLockedAsync(SealConfigEntry config, byte[] share, string nonce, CancellationToken ct)
    {
        if (_nonce is null)
        {
            throw LogicalException.BadRequest("no root generation in progress");
        }

        if (nonce != _nonce)
        {
            throw LogicalException.BadRequest($"incorrect nonce supplied; nonce for this root generation operation is \"{_nonce}\"");
        }

        _shares.Add(share, UnsealShares.ExpectedLength(config), "given key has already been provided during this generation operation");
        if (_shares.Count < config.SecretThreshold)
        {
            return Status(config);
        }

        bool opens;
        try
        {
            opens = await UnsealShares.OpenRootKeyAsync(RootKeys, config, _shares, ct).ConfigureAwait(false);
        }
        finally
        {
            _shares.Forget();
        }

        if (!opens)
        {
            LogFailed(_log, _nonce);
            throw LogicalException.BadRequest("root generation aborted: the key shares do not open the root key");
        }

        var token = await _tokens.CreateRootTokenAsync(null, ct).ConfigureAwait(false);
        var status = new GenerateRootStatus
        {
            Started = true,
            Nonce = _nonce,
            Progress = config.SecretThreshold,
            Required = config.SecretThreshold,
            Complete = true,
            EncodedToken = RootTokenEncoding.Encode(token, _otp),
            OtpLength = OtpLength,
        };
        LogFinished(_log, _nonce);
        Forget();
        return status;
    }

    private GenerateRootStatus Status(SealConfigEntry config) => new()
    {
        Started = _nonce is not null,
        Nonce = _nonce ?? "",
        Progress = _shares.Count,
        Required = config.SecretThreshold,
        OtpLength = OtpLength,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "core: root token generation started, nonce {Nonce}")]
    private static partial void LogStarted(ILogger logger, string nonce);

    [LoggerMessage(Level = LogLevel.Warning, Message = "core: root token generation {Nonce} cancelled")]
    private static partial void LogCancelled(ILogger logger, string nonce);

    [LoggerMessage(Level = LogLevel.Warning, Message = "core: root token generation {Nonce}: the key shares did not open the root key; progress reset")]
    private static partial void LogFailed(ILogger logger, string nonce);

    [LoggerMessage(Level = LogLevel.Warning, Message = "core: root token generation {Nonce} finished: a new root token was created")]
    private static partial void LogFinished(ILogger logger, string nonce);
}
