namespace SecretVault.Sdk.Framework;

/// <summary>One field a path accepts: its type, default and help text.</summary>
public sealed record FieldSchema(FieldType Type, string Description = "")
{
    /// <summary>The value used when the request does not carry the field.</summary>
    public object? Default { get; init; }

    /// <summary>A request without the field is refused with 400.</summary>
    public bool Required { get; init; }
}
