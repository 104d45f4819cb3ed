namespace SecretVault.Sdk.Logical;

/// <summary>
/// What a backend answers. The HTTP layer turns it into Vault's envelope, or writes
/// <see cref="RawBody"/> as it is for the few endpoints that answer without an envelope.
/// </summary>
public sealed class LogicalResponse
{
    /// <summary>The envelope's <c>data</c>; values are serialised as JSON.</summary>
    public IDictionary<string, object?>? Data { get; init; }

    /// <summary>A login's result; the core mints a token from it and answers the envelope's <c>auth</c> block.</summary>
    public AuthResult? Auth { get; init; }

    /// <summary>The token the core minted or renewed for this response, written as the envelope's <c>auth</c>.</summary>
    public IssuedAuth? IssuedAuth { get; set; }

    /// <summary>
    /// A leased secret: the core gives it a lease ID, persists the lease and revokes it through the backend
    /// when it expires. On a renewal the backend answers the new TTL here.
    /// </summary>
    public SecretLease? Secret { get; set; }

    /// <summary>The lease the core wrote for <see cref="Secret"/>, written as the envelope's <c>lease_id</c>.</summary>
    public string? LeaseId { get; set; }

    /// <summary>The response-wrapping token that replaced this response's body (the envelope's <c>wrap_info</c>).</summary>
    public WrapInfo? WrapInfo { get; set; }

    /// <summary>
    /// An advisory lease duration for data that is not leased (a KV v1 secret's <c>ttl</c> key), written as
    /// the envelope's <c>lease_duration</c>. Zero asks for the mount's default; the core caps it at the mount's maximum.
    /// </summary>
    public TimeSpan? LeaseDuration { get; set; }

    /// <summary>Warnings shown to the client in the envelope.</summary>
    public List<string> Warnings { get; } = [];

    /// <summary>A status code other than the default (200 with a body, 204 without).</summary>
    public int? StatusCode { get; init; }

    /// <summary>A body written without the envelope (for example <c>sys/seal-status</c>); serialised as JSON.</summary>
    public object? RawBody { get; init; }

    /// <summary>True when a response carries no body at all (maps to 204).</summary>
    public bool IsEmpty => Data is null && Auth is null && IssuedAuth is null && Warnings.Count == 0 && RawBody is null && Secret is null && WrapInfo is null;

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

    /// <summary>A list response: <c>{"keys": [...]}</c>, or 404 with no errors when empty, as Vault answers.</summary>
    public static LogicalResponse? List(IReadOnlyList<string> keys) =>
        keys.Count == 0 ? null : WithData(new Dictionary<string, object?> { ["keys"] = keys });
}
