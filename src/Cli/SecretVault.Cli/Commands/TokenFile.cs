namespace SecretVault.Cli.Commands;

/// <summary>The token helper: <c>~/.vault-token</c>, written 0600, as the vault CLI's default helper.</summary>
public static class TokenFile
{
    public static void Store(CommandContext context, string token)
    {
        var home = context.Environment.HomeDirectory ?? throw new InvalidOperationException("no home directory to store the token in");
        var path = Path.Combine(home, ".vault-token");
        File.WriteAllText(path, token);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}
