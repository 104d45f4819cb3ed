namespace SecretVault.Sdk.Logical;

/// <summary>Creates a backend of one plugin type ("kv", "transit", "userpass"); found by <see cref="Type"/> from DI.</summary>
public interface ILogicalBackendFactory
{
    /// <summary>The type name used in <c>sys/mounts</c> and <c>sys/auth</c>.</summary>
    string Type { get; }

    /// <summary>Whether this is a secrets engine or an auth method.</summary>
    BackendKind Kind { get; }

    /// <summary>Other type names that mount this backend (KV's <c>kv-v2</c>); none by default.</summary>
    IReadOnlyList<MountTypeAlias> Aliases => [];

    /// <summary>
    /// Checks a mount's options when it is enabled (after any alias set its options) and when a tune changes them, and
    /// returns the options to store; throws <see cref="LogicalException"/> (400) to refuse. The default refuses a
    /// <c>version</c> option at enable (see <see cref="MountOptionRules.RefuseVersion"/>).
    /// </summary>
    IReadOnlyDictionary<string, string>? NormalizeOptions(MountOptionsChange change) => MountOptionRules.RefuseVersion(change);

    /// <summary>Creates the backend for one mount.</summary>
    ILogicalBackend Create(BackendContext context);
}
