namespace SecretVault.Sdk.Logical;

/// <summary>Where a backend is mounted: under the secrets mount table or under <c>auth/</c>.</summary>
public enum BackendKind
{
    /// <summary>A secrets engine.</summary>
    Secret,

    /// <summary>An auth method.</summary>
    Auth,
}
