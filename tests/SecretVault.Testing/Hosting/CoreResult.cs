using SecretVault.Core.Responses;
using SecretVault.Sdk.Logical;

namespace SecretVault.Testing.Hosting;

/// <summary>
/// What the core answered to one request, as a test reads it: the status and errors Vault's envelope would carry,
/// the data, and what the core adds (lease, auth, warnings). Built in one place, <see cref="CoreTestHost.SendAsync(LogicalRequest, CancellationToken)"/>.
/// </summary>
public sealed record CoreResult
{
    /// <summary>The HTTP status the answer maps to: 200 with a body, 204 without, else the error's status.</summary>
    public required int Status { get; init; }

    /// <summary>The error messages; empty on success.</summary>
    public IReadOnlyList<string> Errors { get; init; } = [];

    /// <summary>The response's <c>data</c>, or null.</summary>
    public IDictionary<string, object?>? Data { get; init; }

    /// <summary>The lease the core attached, or null.</summary>
    public string? LeaseId { get; init; }

    /// <summary>The token a login or token creation issued, or null.</summary>
    public string? ClientToken { get; init; }

    /// <summary>The response's warnings.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>Fails the test unless the request succeeded; returns this for chaining.</summary>
    public CoreResult EnsureSuccess() =>
        Status is 200 or 204 ? this : throw new Xunit.Sdk.XunitException($"expected success, got {Status}: {string.Join("; ", Errors)}");

    /// <summary>The data field <paramref name="key"/> as a number (the engines answer int or long).</summary>
    public long Number(string key) => Convert.ToInt64(Field(key), global::System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The data field <paramref name="key"/>; fails the test when there is no such field.</summary>
    public object? Field(string key) =>
        Data is not null && Data.TryGetValue(key, out var value) ? value : throw new Xunit.Sdk.XunitException($"no data field '{key}' in a {Status} answer");

    /// <summary>The data field <paramref name="key"/> as text (a string, or a JSON value's text).</summary>
    public string? Text(string key) => Field(key)?.ToString();

    // As the HTTP edge answers: no response is 404 to a read or list and 204 otherwise.
    internal static CoreResult From(LogicalRequest request, ResponseEnvelope? envelope) => envelope is null
        ? new CoreResult { Status = request.Operation is Operation.Read or Operation.List or Operation.Header ? 404 : 204 }
        : envelope.IsEmpty
        ? new CoreResult { Status = envelope.Response.StatusCode ?? 204, LeaseId = envelope.LeaseId }
        : new CoreResult
        {
            Status = envelope.Response.StatusCode ?? 200,
            Data = envelope.Response.Data,
            LeaseId = envelope.LeaseId,
            ClientToken = envelope.IssuedAuth?.ClientToken,
            Warnings = [.. envelope.Warnings],
        };

    internal static CoreResult From(LogicalException error) => new() { Status = error.StatusCode, Errors = error.Errors, Data = error.ResponseData };
}
