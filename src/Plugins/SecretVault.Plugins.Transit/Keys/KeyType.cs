namespace SecretVault.Plugins.Transit.Keys;

/// <summary>The kinds of transit key.</summary>
internal enum KeyType
{
    Aes128Gcm96,
    Aes256Gcm96,
    ChaCha20Poly1305,
    Ed25519,
    EcdsaP256,
    EcdsaP384,
    EcdsaP521,
    Rsa2048,
    Rsa3072,
    Rsa4096,
    Hmac,
    MlDsa44,
    MlDsa65,
    MlDsa87,
}
