namespace SecretVault.Sdk.Logical;

/// <summary>The logical operation of a request, derived from the HTTP method as Vault does.</summary>
public enum Operation
{
    /// <summary>GET.</summary>
    Read,

    /// <summary>POST/PUT on a target that does not exist yet (chosen by the backend's existence check).</summary>
    Create,

    /// <summary>POST/PUT on an existing target, or on a path without an existence check.</summary>
    Update,

    /// <summary>PATCH with <c>application/merge-patch+json</c>.</summary>
    Patch,

    /// <summary>DELETE.</summary>
    Delete,

    /// <summary>LIST, or GET with <c>?list=true</c>.</summary>
    List,

    /// <summary>HEAD (used by <c>sys/health</c>).</summary>
    Header,

    /// <summary><c>?help=1</c>.</summary>
    Help,

    /// <summary>Sent by the core, never by a client: extend a lease the backend issued (<see cref="LogicalRequest.Lease"/>).</summary>
    Renew,

    /// <summary>Sent by the core, never by a client: revoke what a lease stands for (<see cref="LogicalRequest.Lease"/>).</summary>
    Revoke,
}
