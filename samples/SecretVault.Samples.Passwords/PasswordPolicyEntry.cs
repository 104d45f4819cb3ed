namespace SecretVault.Samples.Passwords;

/// <summary>A stored generator policy: how long a password is and which characters it draws from.</summary>
public sealed record PasswordPolicyEntry(int Length, string Charset)
{
    public const int MinLength = 8;

    public const int MaxLength = 128;

    public const string DefaultCharset = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    public const int DefaultLength = 20;
}
