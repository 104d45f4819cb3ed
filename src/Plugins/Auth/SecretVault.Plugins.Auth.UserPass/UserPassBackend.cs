using SecretVault.Sdk.Framework;

namespace SecretVault.Plugins.Auth.UserPass;

/// <summary>
/// The userpass auth method: <c>users/:username</c> (CRUD, password, policies) and the unauthenticated
/// <c>login/:username</c>. A login hands the core an <see cref="Sdk.Logical.AuthResult"/>; the core mints the token.
/// </summary>
public sealed class UserPassBackend : FrameworkBackend
{
    /// <summary>Creates the backend with Vault's bcrypt cost.</summary>
    public UserPassBackend()
        : this(PasswordHasher.DefaultCost)
    {
    }

    /// <summary>Creates the backend with another bcrypt cost (tests use a low one for speed).</summary>
    internal UserPassBackend(int bcryptCost)
    {
        Hasher = new PasswordHasher(bcryptCost);

        // The dummy hash for unknown users costs one bcrypt run; made now, the first unknown-user login
        // takes no longer than any other.
        ThreadPool.QueueUserWorkItem(static hasher => hasher.Prepare(), Hasher, preferLocal: false);
    }

    /// <inheritdoc />
    public override IReadOnlyList<string> UnauthenticatedPaths => ["login/*"];

    internal PasswordHasher Hasher { get; }

    internal SemaphoreSlim WriteLock { get; } = new(1, 1);

    /// <inheritdoc />
    protected override string BackendHelp =>
        "The userpass auth method authenticates users by username and password. Users are managed under users/ " +
        "and log in at login/<username>.";

    /// <inheritdoc />
    protected override IReadOnlyList<PathDefinition> DefinePaths() =>
        NormalizedNamePaths.Declare([.. UsersPaths.Create(this), .. LoginPaths.Create(this)], "username", UserNames.Canonical);
}
