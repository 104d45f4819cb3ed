using Microsoft.Extensions.Logging;
using SecretVault.Core.Barrier;
using SecretVault.Core.Pipeline;
using SecretVault.Core.Responses;
using SecretVault.Sdk.Logical;
using SecretVault.Storage.Abstractions;

namespace SecretVault.Core;

/// <summary>
/// The one entry point of the core for a request: runs it through the <see cref="RequestPipeline"/> (seal gate,
/// standby gate, route lookup, authentication, sys/seal, authorization, audit, wrapping, login, leases, dispatch)
/// and turns the storage layer's failures into Vault's errors.
/// </summary>
public sealed partial class RequestHandler
{
    private readonly RequestPipeline _pipeline;
    private readonly ILogger<RequestHandler> _log;

    public RequestHandler(RequestPipeline pipeline, ILogger<RequestHandler> log)
    {
        _pipeline = pipeline;
        _log = log;
    }

    /// <summary>Handles <paramref name="request"/>; failures surface as <see cref="LogicalException"/> with Vault's status and message.</summary>
    public async Task<ResponseEnvelope?> HandleAsync(LogicalRequest request, CancellationToken ct = default)
    {
        try
        {
            return await _pipeline.RunAsync(new RequestContext { Request = request }, ct).ConfigureAwait(false);
        }
        catch (BarrierSealedException)
        {
            throw LogicalException.Sealed();
        }
        catch (InvalidStorageKeyException ex)
        {
            // A path a backend passed on as a storage key that storage refuses ("a/./b", a control character, a
            // segment or path too long for the file backend); the message says which, and never quotes the key.
            throw LogicalException.BadRequest(ex.Message);
        }
        catch (BarrierIntegrityException)
        {
            LogIntegrityFailure(_log, request.Id);
            throw new LogicalException(500, "internal error");
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "core: a stored value failed its integrity check (request {RequestId})")]
    private static partial void LogIntegrityFailure(ILogger logger, string requestId);
}
