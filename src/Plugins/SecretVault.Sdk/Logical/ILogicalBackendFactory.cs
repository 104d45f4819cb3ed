namespace SecretVault.Sdk.Logical;

/// <summary>Creates a backend of one plugin type ("kv", "transit", "userpass"); found by <see cref="Type"/> from DI.</summary>
public interface ILogicalBackendFactory
{
    /// <summary>The type name used in <c>sys/mounts</c> and <c>sys/auth</c>.</summary>
    string Type { get; }

    /// <summary>Whether this is a secrets engine or an auth method.</summary>
    BackendKind Kind { get; }

    /// <summary>Creates the backend for one mount.</summary>
    ILogicalBackend Create(BackendContext context);
}
