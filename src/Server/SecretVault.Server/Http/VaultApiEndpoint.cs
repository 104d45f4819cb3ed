using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using SecretVault.Core;
using SecretVault.Sdk.Logical;

namespace SecretVault.Server.Http;

/// <summary>The one HTTP endpoint, <c>/v1/{**path}</c>: HTTP in, logical request to the core, Vault's JSON out.</summary>
public sealed partial class VaultApiEndpoint
{
    private readonly RequestHandler _handler;
    private readonly LogicalRequestFactory _requests;
    private readonly ILogger<VaultApiEndpoint> _log;

    public VaultApiEndpoint(RequestHandler handler, LogicalRequestFactory requests, ILogger<VaultApiEndpoint> log)
    {
        _handler = handler;
        _requests = requests;
        _log = log;
    }

    /// <summary>Serves one request.</summary>
    public async Task InvokeAsync(HttpContext context)
    {
        var ct = context.RequestAborted;
        LogicalRequest request;
        try
        {
            request = await _requests.CreateAsync(context, ct).ConfigureAwait(false);
        }
        catch (LogicalException ex)
        {
            await ResponseWriter.WriteErrorAsync(context, ex).ConfigureAwait(false);
            return;
        }
        catch (RequestTooLargeException ex)
        {
            await ResponseWriter.WriteErrorAsync(context, new LogicalException(413, ex.Message)).ConfigureAwait(false);
            return;
        }
        catch (BadHttpRequestException ex)
        {
            // The body stopped coming (slower than MinRequestBodyDataRate, or cut short): the client's failure,
            // worth one line. Left to Kestrel it was logged as an unhandled error with a stack trace per request.
            LogBodyNotReceived(_log, ex.StatusCode, ex.Message);
            if (!context.Response.HasStarted && !ct.IsCancellationRequested)
            {
                await ResponseWriter.WriteErrorAsync(context, new LogicalException(ex.StatusCode, "http: request body not received")).ConfigureAwait(false);
            }

            return;
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException && ct.IsCancellationRequested)
        {
            // The client went away while sending the body; nothing to answer.
            LogBodyNotReceived(_log, 499, "the client closed the connection");
            return;
        }

        try
        {
            var response = await _handler.HandleAsync(request, ct).ConfigureAwait(false);
            await ResponseWriter.WriteAsync(context, request, response).ConfigureAwait(false);
        }
        catch (LogicalException ex)
        {
            await ResponseWriter.WriteErrorAsync(context, ex).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The client went away; nothing to answer.
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Exception messages can hold request data: log the type only, answer the generic error.
            LogUnhandled(_log, request.Id, ex.GetType().FullName ?? "unknown");
            await ResponseWriter.WriteErrorAsync(context, new LogicalException(500, "internal error")).ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "http: request body not received ({StatusCode}): {Reason}")]
    private static partial void LogBodyNotReceived(ILogger logger, int statusCode, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "http: request {RequestId} failed with {ExceptionType}")]
    private static partial void LogUnhandled(ILogger logger, string requestId, string exceptionType);
}
