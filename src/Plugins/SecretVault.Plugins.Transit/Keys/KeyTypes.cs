namespace SecretVault.Plugins.Transit.Keys;

/// <summary>The API names of <see cref="KeyType"/> and what each type can do.</summary>
internal static class KeyTypes
{
    private static readonly Dictionary<string, KeyType> ByName = new(StringComparer.Ordinal)
    {
        ["aes128-gcm96"] = KeyType.Aes128Gcm96,
        ["aes256-gcm96"] = KeyType.Aes256Gcm96,
        ["chacha20-poly1305"] = KeyType.ChaCha20Poly1305,
        ["ed25519"] = KeyType.Ed25519,
        ["ecdsa-p256"] = KeyType.EcdsaP256,
        ["ecdsa-p384"] = KeyType.EcdsaP384,
        ["ecdsa-p521"] = KeyType.EcdsaP521,
        ["rsa-2048"] = KeyType.Rsa2048,
        ["rsa-3072"] = KeyType.Rsa3072,
        ["rsa-4096"] = KeyType.Rsa4096,
        ["hmac"] = KeyType.Hmac,
        ["ml-dsa-44"] = KeyType.MlDsa44,
        ["ml-dsa-65"] = KeyType.MlDsa65,
        ["ml-dsa-87"] = KeyType.MlDsa87,
    };

    private static readonly Dictionary<KeyType, string> Names = ByName.ToDictionary(p => p.Value, p => p.Key);

    public static bool TryParse(string name, out KeyType type) => ByName.TryGetValue(name, out type);

    public static string Name(this KeyType type) => Names[type];

    public static bool IsSymmetric(this KeyType type) => type is KeyType.Aes128Gcm96 or KeyType.Aes256Gcm96 or KeyType.ChaCha20Poly1305;

    public static bool IsRsa(this KeyType type) => type is KeyType.Rsa2048 or KeyType.Rsa3072 or KeyType.Rsa4096;

    public static bool IsEcdsa(this KeyType type) => type is KeyType.EcdsaP256 or KeyType.EcdsaP384 or KeyType.EcdsaP521;

    public static bool IsMlDsa(this KeyType type) => type is KeyType.MlDsa44 or KeyType.MlDsa65 or KeyType.MlDsa87;

    public static bool SupportsEncryption(this KeyType type) => type.IsSymmetric() || type.IsRsa();

    public static bool SupportsSigning(this KeyType type) => type is KeyType.Ed25519 || type.IsEcdsa() || type.IsRsa() || type.IsMlDsa();

    public static bool SupportsDerivation(this KeyType type) => type.IsSymmetric() || type is KeyType.Ed25519;

    public static bool HasPublicKey(this KeyType type) => type.SupportsSigning();

    /// <summary>Bytes of cipher key for the symmetric types.</summary>
    public static int SymmetricKeyLength(this KeyType type) => type == KeyType.Aes128Gcm96 ? 16 : 32;
}
