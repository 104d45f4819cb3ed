namespace SecretVault.Server.Http;

/// <summary>
/// The listener's limits on a JSON request body (Vault's <c>max_json_*</c> listener keys, CVE-2025-6203), checked
/// while the body is read so that a body over them is refused before any document is built. The defaults are Vault's.
/// </summary>
public sealed record JsonLimits
{
    /// <summary>
    /// The deepest nesting the request path handles whatever <see cref="MaxDepth"/> says: System.Text.Json's
    /// default, which the server's own reading and writing of stored JSON keeps to.
    /// </summary>
    public const int HandledDepth = 64;

    /// <summary><c>max_json_depth</c>: nesting of objects and arrays.</summary>
    public int MaxDepth { get; init; } = 500;

    /// <summary><c>max_json_string_value_length</c>: bytes of one string (a value or a key), after unescaping.</summary>
    public int MaxStringValueLength { get; init; } = 1024 * 1024;

    /// <summary><c>max_json_object_entry_count</c>: members of one object.</summary>
    public int MaxObjectEntryCount { get; init; } = 10_000;

    /// <summary><c>max_json_array_element_count</c>: elements of one array.</summary>
    public int MaxArrayElementCount { get; init; } = 10_000;

    /// <summary>The depth actually enforced: the configured one, capped at <see cref="HandledDepth"/>.</summary>
    public int EffectiveDepth => Math.Min(MaxDepth, HandledDepth);
}
