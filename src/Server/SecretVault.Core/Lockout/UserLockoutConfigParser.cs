using System.Globalization;
using System.Text.Json;
using SecretVault.Sdk.Framework;
using SecretVault.Sdk.Logical;
using SecretVault.Sdk.Time;

namespace SecretVault.Core.Lockout;

/// <summary>
/// Reads an auth mount's <c>user_lockout_config</c> (at enable time and by tune) over its current one: Vault's
/// string-valued map of <c>lockout_threshold</c>, <c>lockout_duration</c>, <c>lockout_counter_reset_duration</c>
/// (also <c>lockout_counter_reset</c>, as Vault's documentation spells it) and <c>lockout_disable</c>. A key left
/// out or empty keeps its value; <c>"system"</c> or zero returns a value to the server's.
/// </summary>
public static class UserLockoutConfigParser
{
    /// <summary>The field's name in a tune or in <c>config</c>.</summary>
    public const string Field = "user_lockout_config";

    /// <summary>Applies <paramref name="value"/> to <paramref name="current"/> for a mount of <paramref name="type"/>.</summary>
    public static UserLockoutConfig Apply(UserLockoutConfig? current, JsonElement value, BackendKind kind, string type)
    {
        if (kind != BackendKind.Auth || !UserLockoutConfig.AuthTypes.Contains(type))
        {
            throw LogicalException.BadRequest($"tuning of user lockout configuration for auth type \"{type}\" not allowed");
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            throw LogicalException.BadRequest($"invalid value for field \"{Field}\": expected an object");
        }

        var config = current ?? new UserLockoutConfig();
        foreach (var property in value.EnumerateObject())
        {
            var text = Text(property);
            if (text.Length == 0)
            {
                continue;
            }

            config = property.Name switch
            {
                "lockout_threshold" => config with { Threshold = Threshold(text) },
                "lockout_duration" => config with { Duration = Duration(property.Name, text) },
                "lockout_counter_reset_duration" or "lockout_counter_reset" => config with { CounterReset = Duration(property.Name, text) },
                "lockout_disable" => config with { Disable = FieldData.ParseBool(text) ?? throw Invalid(property.Name, "a boolean") },
                _ => throw LogicalException.BadRequest($"unknown key \"{property.Name}\" in \"{Field}\""),
            };
        }

        return config;
    }

    private static string Text(JsonProperty property) => property.Value.ValueKind switch
    {
        JsonValueKind.String => property.Value.GetString() ?? "",
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => property.Value.GetRawText(),
        JsonValueKind.Null => "",
        _ => throw Invalid(property.Name, "a string"),
    };

    // Zero, as in Vault, means "not set here".
    private static int? Threshold(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var threshold)
            ? threshold == 0 ? null : threshold
            : throw Invalid("lockout_threshold", "a whole number of failed logins");

    private static TimeSpan? Duration(string name, string text)
    {
        if (text == "system")
        {
            return null;
        }

        if (!Durations.TryParse(text, out var duration, out _) || duration < TimeSpan.Zero)
        {
            throw Invalid(name, "a duration such as \"15m\"");
        }

        return duration == TimeSpan.Zero ? null : duration;
    }

    private static LogicalException Invalid(string name, string expected) =>
        LogicalException.BadRequest($"invalid value for \"{Field}.{name}\": expected {expected}");
}
