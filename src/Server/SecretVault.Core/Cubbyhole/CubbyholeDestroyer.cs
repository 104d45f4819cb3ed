using SecretVault.Core.Tokens;
using SecretVault.Sdk.Storage;

namespace SecretVault.Core.Cubbyhole;

/// <summary>Deletes a token's cubbyhole when the token is revoked or expires.</summary>
public sealed class CubbyholeDestroyer : ITokenRevocationListener
{
    private readonly IStorage _barrier;

    public CubbyholeDestroyer(IStorage barrier)
    {
        _barrier = barrier;
    }

    public Task OnTokenRevokedAsync(TokenEntry entry, CancellationToken ct) =>
        entry.Hash.Length == 0 ? Task.CompletedTask : StorageTree.DeleteAsync(new StorageView(_barrier, $"cubbyhole/{entry.Hash}/"), ct);
}
