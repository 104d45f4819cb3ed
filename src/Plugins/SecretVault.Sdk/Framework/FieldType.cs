namespace SecretVault.Sdk.Framework;

/// <summary>The type of a request field; decides how JSON and query-string values are converted.</summary>
public enum FieldType
{
    /// <summary>A string; numbers and booleans are accepted and converted to text.</summary>
    String,

    /// <summary>An integer, as a JSON number or a numeric string.</summary>
    Int,

    /// <summary>A boolean, as JSON or as Go's ParseBool strings (1, t, true, 0, f, false...).</summary>
    Bool,

    /// <summary>A duration: seconds or a Go duration string.</summary>
    Duration,

    /// <summary>A list of strings; a comma-separated string is split.</summary>
    CommaStringSlice,

    /// <summary>A JSON object of string values (or a JSON string holding one).</summary>
    StringMap,

    /// <summary>Any JSON value, passed through.</summary>
    Raw,
}
