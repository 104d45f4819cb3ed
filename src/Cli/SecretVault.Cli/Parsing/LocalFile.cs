namespace SecretVault.Cli.Parsing;

/// <summary>
/// Reads a file named on the command line; a missing, unreadable or folder path becomes a one-line
/// <see cref="CliFailureException"/> in Go's words (<c>open x: no such file or directory</c>), never a stack trace.
/// </summary>
public static class LocalFile
{
    /// <summary>The text of <paramref name="path"/>, or a failure <c>{prefix}: {reason}</c> with <paramref name="exitCode"/>.</summary>
    public static string ReadAllText(string path, string prefix, int exitCode)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new CliFailureException($"{prefix}: {Reason(path, ex)}", exitCode, ex);
        }
    }

    /// <summary>Why <paramref name="path"/> could not be read, as Go's os package words it.</summary>
    public static string Reason(string path, Exception error) => error switch
    {
        _ when Directory.Exists(path) => $"read {path}: is a directory",
        FileNotFoundException or DirectoryNotFoundException => $"open {path}: no such file or directory",
        UnauthorizedAccessException => $"open {path}: permission denied",
        ArgumentException => $"open {path}: invalid file name",
        _ => $"open {path}: {error.Message}",
    };
}
