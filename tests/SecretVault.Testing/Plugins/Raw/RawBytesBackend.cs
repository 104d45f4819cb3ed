using System.Text;
using SecretVault.Sdk.Framework;
using SecretVault.Sdk.Logical;

namespace SecretVault.Testing.Plugins.Raw;

/// <summary>
/// A test-only secrets engine that answers raw bytes, as PKI's <c>ca/pem</c>, <c>crl</c>, <c>cert/:serial/raw</c>
/// and OCSP will, and one path that fails with an unexpected exception holding a secret.
/// <list type="bullet">
/// <item><c>GET bytes/:kind?status=</c> answers <see cref="Body"/> of that kind with its content type (and status).</item>
/// <item><c>GET boom</c> throws an <see cref="InvalidOperationException"/> whose message is <see cref="LeakedSecret"/>.</item>
/// </list>
/// </summary>
public sealed class RawBytesBackend : FrameworkBackend
{
    /// <summary>The content type each <c>bytes/:kind</c> answers with.</summary>
    public static IReadOnlyDictionary<string, string> ContentTypes { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["pem"] = "application/pem-file",
        ["der"] = "application/pkix-cert",
        ["crl"] = "application/pkix-crl",
        ["ocsp"] = "application/ocsp-response",
    };

    /// <summary>What the failing path's exception message holds; it must never reach the client.</summary>
    public const string LeakedSecret = "s3cr3t-in-an-exception-message";

    /// <summary>The bytes every <c>bytes/:kind</c> answers: text for PEM, every byte value (NUL, invalid UTF-8) for the rest.</summary>
    public static byte[] Body(string kind) => kind == "pem"
        ? Encoding.ASCII.GetBytes("-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUZm9v\n-----END CERTIFICATE-----\n")
        : [.. Enumerable.Range(0, 256).Select(i => (byte)(255 - i))];

    protected override IReadOnlyList<PathDefinition> DefinePaths() =>
    [
        new PathDefinition
        {
            Pattern = "bytes/(?<kind>[^/]+)",
            Fields = new Dictionary<string, FieldSchema> { ["kind"] = new(FieldType.String), ["status"] = new(FieldType.Int) { Default = 200 } },
            Operations = new Dictionary<Operation, PathHandler> { [Operation.Read] = BytesAsync },
        },
        new PathDefinition
        {
            Pattern = "boom",
            Operations = new Dictionary<Operation, PathHandler> { [Operation.Read] = (_, _, _) => throw new InvalidOperationException(LeakedSecret) },
        },
    ];

    private static Task<LogicalResponse?> BytesAsync(LogicalRequest request, FieldData data, CancellationToken ct)
    {
        var kind = data.GetString("kind");
        var contentType = ContentTypes.GetValueOrDefault(kind) ?? throw LogicalException.BadRequest("unknown kind");
        return Task.FromResult<LogicalResponse?>(LogicalResponse.Bytes(Body(kind), contentType, (int)data.GetInt("status")));
    }
}
