namespace SecretVault.Plugins.Auth.AppRole;

/// <summary>The accessor index, at <c>accessor/&lt;role id&gt;/&lt;accessor&gt;</c>: which secret ID entry an accessor names.
/// Filed under the owning role, so an accessor cannot be reached through another role (CVE-2023-24999).</summary>
internal sealed record AccessorEntry(string SecretIdHmac);
