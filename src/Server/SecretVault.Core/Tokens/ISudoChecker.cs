namespace SecretVault.Core.Tokens;

/// <summary>Whether a token's policies grant sudo on a path; the token store asks it before privileged create parameters.</summary>
public interface ISudoChecker
{
    Task<bool> HasSudoAsync(string path, string? clientToken, CancellationToken ct);
}
