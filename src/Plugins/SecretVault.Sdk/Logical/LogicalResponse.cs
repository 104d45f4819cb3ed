using System.Text;

namespace SecretVault.Sdk.Logical;

/// <summary>
/// What a backend answers; immutable once returned (build it with an initializer, or <c>with</c> from another).
/// The core never changes it: the token it mints, the lease it writes and the wrapping it applies go into the
/// core's own envelope built from this answer. The HTTP layer writes Vault's envelope, or <see cref="RawBody"/> /
/// <see cref="RawBytes"/> as they are for the endpoints that answer without one.
/// </summary>
public sealed record LogicalResponse
{
    /// <summary>The envelope's <c>data</c>; values are serialised as JSON.</summary>
    public IDictionary<string, object?>? Data { get; init; }

    /// <summary>A login's result; the core mints a token from it and answers the envelope's <c>auth</c> block.</summary>
    public AuthResult? Auth { get; init; }

    /// <summary>
    /// A token already minted or renewed, written as the envelope's <c>auth</c>: only the core's own token
    /// endpoints answer this; a plugin answers <see cref="Auth"/> and the core mints the token.
    /// </summary>
    public IssuedAuth? IssuedAuth { get; init; }

    /// <summary>
    /// A leased secret: the core gives it a lease ID, persists the lease and revokes it through the backend
    /// when it expires. On a renewal the backend answers the new TTL here.
    /// </summary>
    public SecretLease? Secret { get; init; }

    /// <summary>The lease a renewal extended (the core's own lease endpoints only); a new secret's lease is written by the core.</summary>
    public string? LeaseId { get; init; }

    /// <summary>A response-wrapping token that already replaces the body (the core's own rewrap endpoint only).</summary>
    public WrapInfo? WrapInfo { get; init; }

    /// <summary>
    /// An advisory lease duration for data that is not leased (a KV v1 secret's <c>ttl</c> key), written as
    /// the envelope's <c>lease_duration</c>. Zero asks for the mount's default; the core caps it at the mount's maximum.
    /// </summary>
    public TimeSpan? LeaseDuration { get; init; }

    /// <summary>Warnings shown to the client in the envelope.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>A status code other than the default (200 with a body, 204 without).</summary>
    public int? StatusCode { get; init; }

    /// <summary>A body written without the envelope (for example <c>sys/seal-status</c>); serialised as JSON.</summary>
    public object? RawBody { get; init; }

    /// <summary>
    /// Bytes written exactly as they are with their own content type (a PEM or DER certificate, a CRL, an OCSP
    /// response), with <see cref="StatusCode"/> or 200. Wrapped like any answer when the client asks; unwrapping answers the bytes.
    /// </summary>
    public RawBytes? RawBytes { get; init; }

    /// <summary>True when a response carries no body at all (maps to 204).</summary>
    public bool IsEmpty => Data is null && Auth is null && IssuedAuth is null && Warnings.Count == 0 && RawBody is null && RawBytes is null && Secret is null && WrapInfo is null;

    /// <summary>
    /// Wrap this response when the client asked even though it is empty (<c>sys/wrapping/wrap</c> of an empty body):
    /// otherwise the core treats an empty response as none and answers 204 unwrapped.
    /// </summary>
    public bool WrapWhenEmpty { get; init; }

    /// <summary>Legacy sys/ endpoints also copy every <c>data</c> key to the top level of the envelope.</summary>
    public bool DuplicateDataAtTopLevel { get; init; }

    /// <summary>A response whose <c>data</c> is <paramref name="data"/>.</summary>
    public static LogicalResponse WithData(IDictionary<string, object?> data) => new() { Data = data };

    /// <summary>A response written as <paramref name="body"/> without an envelope.</summary>
    public static LogicalResponse Raw(object body, int statusCode = 200) => new() { RawBody = body, StatusCode = statusCode };

    /// <summary>A response of <paramref name="body"/> written byte for byte as <paramref name="contentType"/>.</summary>
    public static LogicalResponse Bytes(ReadOnlyMemory<byte> body, string contentType, int statusCode = 200) =>
        new() { RawBytes = new RawBytes(body, contentType), StatusCode = statusCode };

    /// <summary>A response with only <paramref name="warning"/> (and <paramref name="statusCode"/> when given).</summary>
    public static LogicalResponse Warning(string warning, int? statusCode = null) => new() { Warnings = [warning], StatusCode = statusCode };

    /// <summary>A list response: <c>{"keys": [...]}</c>, or 404 with no errors when empty, as Vault answers.</summary>
    public static LogicalResponse? List(IReadOnlyList<string> keys) =>
        keys.Count == 0 ? null : WithData(new Dictionary<string, object?> { ["keys"] = keys });

    /// <summary>This response with <paramref name="warning"/> added after its own warnings.</summary>
    public LogicalResponse WithWarning(string warning) => this with { Warnings = [.. Warnings, warning] };

    // A response holds secrets: its text form names only its shape, so a logged response leaks nothing.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("StatusCode = ").Append(StatusCode).Append(", HasData = ").Append(Data is not null);
        return true;
    }
}
