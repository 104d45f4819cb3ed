namespace SecretVault.Plugins.Auth.AppRole;

/// <summary>The role ID index, at <c>role_id/&lt;HMAC of the role ID&gt;</c>: the name of the role a role ID logs in to.</summary>
internal sealed record RoleIdEntry(string Name);
