namespace SecretVault.Sdk.Logical;

/// <summary>
/// A body the HTTP layer writes exactly as it is, with its own <c>Content-Type</c> (Vault's plugins answer it
/// with <c>http_raw_body</c> and <c>http_content_type</c>): <c>application/pem-file</c>,
/// <c>application/pkix-cert</c>, <c>application/pkix-crl</c>, <c>application/ocsp-response</c>.
/// </summary>
/// <param name="Body">The bytes, written unchanged.</param>
/// <param name="ContentType">The media type sent as <c>Content-Type</c>.</param>
public sealed record RawBytes(ReadOnlyMemory<byte> Body, string ContentType);
