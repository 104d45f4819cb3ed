using System.Text;
using SecretVault.Sdk.Logical;

namespace SecretVault.Core.Responses;

/// <summary>
/// The answer the core sends back: the backend's <see cref="Response"/> as it returned it, and beside it what
/// the core added after it returned (the minted token, the lease, the capped lease duration, the wrapping).
/// Each step that adds something returns a new envelope; the backend's object is never written to.
/// </summary>
public sealed record ResponseEnvelope
{
    /// <summary>The backend's answer, unchanged (an empty one once wrapping replaced the body).</summary>
    public required LogicalResponse Response { get; init; }

    /// <summary>The envelope's <c>auth</c>: a token the core minted for a login, or the one a token endpoint answered.</summary>
    public IssuedAuth? IssuedAuth { get; init; }

    /// <summary>The envelope's <c>lease_id</c>: the lease the core wrote for <see cref="Secret"/>, or the one renewed.</summary>
    public string? LeaseId { get; init; }

    /// <summary>The leased secret with the TTL the core granted.</summary>
    public SecretLease? Secret { get; init; }

    /// <summary>The advisory lease duration of unleased data, capped by the mount's maximum.</summary>
    public TimeSpan? LeaseDuration { get; init; }

    /// <summary>The envelope's <c>wrap_info</c>: the wrapping token that replaced the body.</summary>
    public WrapInfo? WrapInfo { get; init; }

    /// <summary>The envelope's <c>warnings</c>.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>True when there is nothing to write (maps to 204).</summary>
    public bool IsEmpty => Response.Data is null && Response.Auth is null && Response.RawBody is null && Response.RawBytes is null
        && IssuedAuth is null && Secret is null && WrapInfo is null && Warnings.Count == 0;

    /// <summary>The envelope of <paramref name="response"/> before the core added anything; null stays null.</summary>
    public static ResponseEnvelope? Of(LogicalResponse? response) => response is null ? null : new ResponseEnvelope
    {
        Response = response,
        IssuedAuth = response.IssuedAuth,
        LeaseId = response.LeaseId,
        Secret = response.Secret,
        LeaseDuration = response.LeaseDuration,
        WrapInfo = response.WrapInfo,
        Warnings = response.Warnings,
    };

    // An envelope may hold a token and secrets: its text form names only its shape.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Response = ").Append(Response).Append(", HasAuth = ").Append(IssuedAuth is not null).Append(", LeaseId = ").Append(LeaseId);
        return true;
    }
}
