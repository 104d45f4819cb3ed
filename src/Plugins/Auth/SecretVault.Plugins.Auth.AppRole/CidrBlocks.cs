using SecretVault.Sdk.Framework;

namespace SecretVault.Plugins.Auth.AppRole;

/// <summary>
/// The CIDR lists Vault's AppRole keeps as the caller wrote them: a role's <c>secret_id_bound_cidrs</c> and a secret
/// ID's <c>cidr_list</c> and <c>token_bound_cidrs</c> read back as given (<c>127.0.0.1/32</c> stays so). A role's
/// <c>token_bound_cidrs</c> is not one of them: Vault parses it into addresses and reads a /32 back as the bare
/// address, as <see cref="TokenFields"/> does.
/// </summary>
internal static class CidrBlocks
{
    /// <summary>The values of <paramref name="field"/>, trimmed, once <see cref="BoundCidrs.Parse"/> has accepted every one.</summary>
    public static IReadOnlyList<string> AsGiven(FieldData data, string field)
    {
        var given = data.GetStrings(field).Select(value => value.Trim()).ToList();
        _ = BoundCidrs.Parse(field, given);
        return given;
    }
}
