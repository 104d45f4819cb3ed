using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using SecretVault.Sdk.Framework;
using SecretVault.Sdk.Logical;
using SecretVault.Sdk.Time;

namespace SecretVault.Server.Http;

/// <summary>Turns an HTTP request into a <see cref="LogicalRequest"/>: path, operation, parameters and token.</summary>
public sealed class LogicalRequestFactory
{
    private readonly long _maxRequestSize;
    private readonly JsonLimits _jsonLimits;

    public LogicalRequestFactory(long maxRequestSize, JsonLimits jsonLimits)
    {
        _maxRequestSize = maxRequestSize;
        _jsonLimits = jsonLimits;
    }

    /// <summary>Builds the logical request; bad input throws <see cref="LogicalException"/> or <see cref="RequestTooLargeException"/>.</summary>
    public async Task<LogicalRequest> CreateAsync(HttpContext context, CancellationToken ct)
    {
        var http = context.Request;
        var remoteAddress = ClientAddress.Of(context);
        var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? http.Path.Value ?? "";
        var path = RawPathValidator.Validate(rawTarget, out var error) ?? throw LogicalException.BadRequest(error);

        var query = http.Query;
        var operation = OperationOf(http.Method, query);
        if (operation == Operation.Patch && !IsMergePatch(http.ContentType))
        {
            throw new LogicalException(415, $"PATCH requires Content-Type of application/merge-patch+json, provided {http.ContentType}");
        }

        if (operation == Operation.List && !path.EndsWith('/'))
        {
            path += "/";
        }

        IReadOnlyDictionary<string, JsonElement> data = operation is Operation.Update or Operation.Patch
            ? await RequestBodyReader.ReadAsync(http, _maxRequestSize, _jsonLimits, ct).ConfigureAwait(false)
            : QueryData(query);

        if (query.TryGetValue("help", out var help) && FieldData.ParseBool(help.ToString()) == true)
        {
            operation = Operation.Help;
        }

        return new LogicalRequest
        {
            Id = Guid.NewGuid().ToString(),
            Operation = operation,
            Path = path,
            Data = data,
            ClientToken = TokenOf(http),
            WrapTtl = WrapTtlOf(http),
            RemoteAddress = remoteAddress,
        };
    }

    private static Operation OperationOf(string method, IQueryCollection query) => method switch
    {
        "GET" when query.TryGetValue("list", out var list) && FieldData.ParseBool(list.ToString()) == true => Operation.List,
        "GET" => Operation.Read,
        "HEAD" => Operation.Header,
        "POST" or "PUT" => Operation.Update,
        "PATCH" => Operation.Patch,
        "DELETE" => Operation.Delete,
        "LIST" => Operation.List,
        _ => throw new LogicalException(405, ""),
    };

    private static bool IsMergePatch(string? contentType) =>
        contentType?.Split(';')[0].Trim().Equals("application/merge-patch+json", StringComparison.OrdinalIgnoreCase) == true;

    private static Dictionary<string, JsonElement> QueryData(IQueryCollection query)
    {
        var data = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var (key, values) in query)
        {
            if (key is "list" or "help")
            {
                continue;
            }

            data[key] = values.Count == 1 ? JsonSerializer.SerializeToElement(values[0]) : JsonSerializer.SerializeToElement(values.ToArray());
        }

        return data;
    }

    // X-Vault-Wrap-TTL: whole seconds or a duration string; zero means "do not wrap", as in Vault.
    private static TimeSpan? WrapTtlOf(HttpRequest http)
    {
        var header = http.Headers["X-Vault-Wrap-TTL"].ToString().Trim();
        if (header.Length == 0)
        {
            return null;
        }

        if (header.StartsWith('-'))
        {
            throw LogicalException.BadRequest("requested wrap ttl cannot be negative");
        }

        if (!Durations.TryParse(header, out var ttl, out var error))
        {
            throw LogicalException.BadRequest($"error parsing X-Vault-Wrap-TTL header: {error}");
        }

        return ttl > TimeSpan.Zero ? ttl : null;
    }

    private static string? TokenOf(HttpRequest http)
    {
        var token = http.Headers["X-Vault-Token"].ToString();
        if (token.Length > 0)
        {
            return token;
        }

        var authorization = http.Headers.Authorization.ToString();
        return authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization[7..].Trim() : null;
    }
}
