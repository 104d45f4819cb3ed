namespace SecretVault.Core.Tokens;

/// <summary>Told about every revoked token (cubbyhole destruction and lease revocation hook in here).</summary>
public interface ITokenRevocationListener
{
    Task OnTokenRevokedAsync(TokenEntry entry, CancellationToken ct);
}
