namespace SecretVault.Testing.Processes;

/// <summary>Where the repository and the built programs are, found from the running test assembly.</summary>
public static class RepoPaths
{
    /// <summary>The folder that holds SecretVault.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The build configuration the tests were built with (Debug or Release).</summary>
    public static string Configuration { get; } = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";

    /// <summary>The built server, run with <c>dotnet SecretVault.Server.dll</c>.</summary>
    public static string ServerDll => Built("src/Server/SecretVault.Server", "SecretVault.Server.dll");

    /// <summary>The built vaultcli, run with <c>dotnet vaultcli.dll</c>.</summary>
    public static string CliDll => Built("src/Cli/SecretVault.Cli", "vaultcli.dll");

    /// <summary>The crash-test host, run with <c>dotnet SecretVault.CrashHost.dll</c>.</summary>
    public static string CrashHostDll => Built("tests/SecretVault.CrashHost", "SecretVault.CrashHost.dll");

    private static string Built(string project, string file)
    {
        var path = Path.Combine(Root, project, "bin", Configuration, "net10.0", file);
        return File.Exists(path) ? path : throw new FileNotFoundException($"{file} is not built at {path}; build the solution first");
    }

    private static string FindRoot()
    {
        var dir = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(dir, "SecretVault.sln")))
        {
            dir = Path.GetDirectoryName(dir.TrimEnd(Path.DirectorySeparatorChar)) ?? throw new InvalidOperationException("SecretVault.sln not found above " + AppContext.BaseDirectory);
        }

        return dir;
    }
}
