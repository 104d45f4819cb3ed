using System.Globalization;
using System.Text.Json;

namespace SecretVault.Sdk.Time;

/// <summary>
/// Vault's duration values: integer seconds (3600, "3600") or Go duration strings with units
/// ns, us, µs, ms, s, m, h and d ("30m", "1.5h", "50d", "1h30m"). Every TTL is stored in whole seconds, so a
/// fraction of a second rounds up (away from zero): "500ms" is 1s, never 0s, which would mean "no TTL".
/// </summary>
public static class Durations
{
    /// <summary>Parses <paramref name="text"/>; throws <see cref="FormatException"/> naming the value's problem, never the value.</summary>
    public static TimeSpan Parse(string text)
    {
        if (TryParse(text, out var result, out var error))
        {
            return result;
        }

        throw new FormatException(error);
    }

    /// <summary>Parses a JSON number (seconds) or string.</summary>
    public static TimeSpan Parse(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number when value.TryGetInt64(out var seconds) => FromSeconds(seconds),
        JsonValueKind.Number => FromSeconds(value.GetDouble()),
        JsonValueKind.String => Parse(value.GetString() ?? ""),
        _ => throw new FormatException("expected a duration: a number of seconds or a string such as \"30m\""),
    };

    /// <summary>Parses <paramref name="text"/> without throwing.</summary>
    public static bool TryParse(string text, out TimeSpan result, out string error)
    {
        result = TimeSpan.Zero;
        error = "";
        text = text.Trim();
        if (text.Length == 0)
        {
            return true;
        }

        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole))
        {
            return TrySeconds(whole, out result, out error);
        }

        var negative = text[0] == '-';
        var rest = text.TrimStart('-', '+');

        // decimal, not double: 1.1h must be exactly 3960s, which rounding up would turn into 3961s after a binary error.
        decimal totalSeconds = 0;
        var i = 0;
        while (i < rest.Length)
        {
            var start = i;
            while (i < rest.Length && (char.IsAsciiDigit(rest[i]) || rest[i] == '.'))
            {
                i++;
            }

            if (start == i || !decimal.TryParse(rest.AsSpan(start, i - start), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            {
                error = "invalid duration: expected a number before each unit";
                return false;
            }

            var unitStart = i;
            while (i < rest.Length && !char.IsAsciiDigit(rest[i]) && rest[i] != '.')
            {
                i++;
            }

            var unit = rest[unitStart..i];
            decimal? scale = unit switch
            {
                "ns" => 0.000000001m,
                "us" or "µs" or "μs" => 0.000001m,
                "ms" => 0.001m,
                "s" => 1,
                "m" => 60,
                "h" => 3600,
                "d" => 86400,
                _ => null,
            };
            if (scale is null)
            {
                error = unit.Length == 0 ? "invalid duration: missing unit" : "invalid duration: unknown unit";
                return false;
            }

            // The term is bounded before it is scaled and the sum after each term, so no decimal overflows.
            totalSeconds += Math.Min(number, MaxTermNumber) * scale.Value;
            if (totalSeconds > (decimal)MaxSeconds)
            {
                error = "invalid duration: value out of range";
                return false;
            }
        }

        var seconds = (long)decimal.Ceiling(totalSeconds);
        result = TimeSpan.FromSeconds(negative ? -seconds : seconds);
        return true;
    }

    /// <summary>Formats like Go's <c>time.Duration.String()</c> ("768h0m0s", "0s"), which some Vault reads echo.</summary>
    public static string Format(TimeSpan value)
    {
        if (value == TimeSpan.Zero)
        {
            return "0s";
        }

        var sign = value < TimeSpan.Zero ? "-" : "";
        value = value.Duration();
        var hours = (long)value.TotalHours;
        var seconds = value.Seconds + (value.Milliseconds / 1000.0);
        var secondsText = seconds.ToString("0.#########", CultureInfo.InvariantCulture);
        return hours > 0
            ? $"{sign}{hours}h{value.Minutes}m{secondsText}s"
            : value.Minutes > 0 ? $"{sign}{value.Minutes}m{secondsText}s" : $"{sign}{secondsText}s";
    }

    // Far beyond any sane TTL, yet small enough that adding it to a timestamp never overflows.
    private const double MaxSeconds = 100L * 365 * 86400;

    // Above this any unit (even ns) is out of range, and below it a product with any unit fits in a decimal.
    private const decimal MaxTermNumber = 1e19m;

    private static bool TrySeconds(long seconds, out TimeSpan result, out string error)
    {
        result = TimeSpan.Zero;
        error = "";
        if (Math.Abs((double)seconds) > MaxSeconds)
        {
            error = "invalid duration: value out of range";
            return false;
        }

        result = TimeSpan.FromSeconds(seconds);
        return true;
    }

    private static TimeSpan FromSeconds(double seconds) =>
        Math.Abs(seconds) > MaxSeconds || double.IsNaN(seconds)
            ? throw new FormatException("invalid duration: value out of range")
            : TimeSpan.FromSeconds(Math.Sign(seconds) * Math.Ceiling(Math.Abs(seconds)));
}
