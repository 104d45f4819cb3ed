namespace SecretVault.Core.Policies;

/// <summary>The policies every server has: <c>default</c> (editable, created at init) and <c>response-wrapping</c> (internal).</summary>
public static class BuiltInPolicies
{
    /// <summary>The text of the <c>default</c> policy written at init, with the rules of Vault 1.14's.</summary>
    public const string DefaultText = """
        # Allow tokens to look up their own properties
        path "auth/token/lookup-self" {
            capabilities = ["read"]
        }

        # Allow tokens to renew themselves
        path "auth/token/renew-self" {
            capabilities = ["update"]
        }

        # Allow tokens to revoke themselves
        path "auth/token/revoke-self" {
            capabilities = ["update"]
        }

        # Allow a token to look up its own capabilities on a path
        path "sys/capabilities-self" {
            capabilities = ["update"]
        }

        # Allow a token to look up its own entity by id or name
        path "identity/entity/id/{{identity.entity.id}}" {
          capabilities = ["read"]
        }
        path "identity/entity/name/{{identity.entity.name}}" {
          capabilities = ["read"]
        }

        # Allow a token to look up its resultant ACL from all policies
        path "sys/internal/ui/resultant-acl" {
            capabilities = ["read"]
        }

        # Allow a token to renew a lease via lease_id in the request body
        path "sys/renew" {
            capabilities = ["update"]
        }
        path "sys/leases/renew" {
            capabilities = ["update"]
        }

        # Allow looking up lease properties
        path "sys/leases/lookup" {
            capabilities = ["update"]
        }

        # Allow a token to manage its own cubbyhole
        path "cubbyhole/*" {
            capabilities = ["create", "read", "update", "delete", "list"]
        }

        # Allow a token to wrap arbitrary values in a response-wrapping token
        path "sys/wrapping/wrap" {
            capabilities = ["update"]
        }

        # Allow a token to look up the creation time and TTL of a response-wrapping token
        path "sys/wrapping/lookup" {
            capabilities = ["update"]
        }

        # Allow a token to unwrap a response-wrapping token
        path "sys/wrapping/unwrap" {
            capabilities = ["update"]
        }

        # Allow general purpose tools
        path "sys/tools/hash" {
            capabilities = ["update"]
        }
        path "sys/tools/hash/*" {
            capabilities = ["update"]
        }

        # Allow checking the status of a control group request
        path "sys/control-group/request" {
            capabilities = ["update"]
        }

        # Allow a token to make requests to the Authorize Endpoint for OIDC providers
        path "identity/oidc/provider/+/authorize" {
            capabilities = ["read", "update"]
        }
        """;

    /// <summary>The internal policy of response-wrapping tokens.</summary>
    public static Policy ResponseWrapping { get; } = PolicyParser.Parse(PolicyNames.ResponseWrapping, """
        path "cubbyhole/response" {
            capabilities = ["create", "read"]
        }

        path "sys/wrapping/unwrap" {
            capabilities = ["update"]
        }
        """);
}
