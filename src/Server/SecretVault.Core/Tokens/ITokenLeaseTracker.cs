namespace SecretVault.Core.Tokens;

/// <summary>Keeps a token's lease in step with the token: told before a token's entry is written on create and renew.</summary>
public interface ITokenLeaseTracker
{
    Task OnTokenCreatedAsync(TokenEntry entry, CancellationToken ct);

    Task OnTokenRenewedAsync(TokenEntry entry, CancellationToken ct);
}
