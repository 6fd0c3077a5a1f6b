using System.Globalization;

namespace Marketplace.Functions.Timers;

internal sealed partial class CronSchedule
{
    private static readonly (string Name, int Min, int Max, string[]? Names)[] Fields =
    [
        ("second", 0, 59, null),
        ("minute", 0, 59, null),
        ("hour", 0, 23, null),
        ("day", 1, 31, null),
        ("month", 1, 12, ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]),
        ("day-of-week", 0, 7, ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"]),
    ];

    public static bool TryParse(string? expression, out CronSchedule schedule, out string error)
    {
        schedule = null!;
        var parts = (expression ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 6)
        {
            error = $"expected 6 fields (second minute hour day month day-of-week), found {parts.Length}.";
            return false;
        }

        var sets = new ulong[6];
        for (var i = 0; i < 6; i++)
        {
            if (!TryParseField(parts[i], Fields[i], out sets[i], out error))
            {
                return false;
            }
        }

        // Day-of-week 7 is Sunday, like 0.
        if ((sets[5] & (1UL << 7)) != 0)
        {
            sets[5] = (sets[5] & ~(1UL << 7)) | 1UL;
        }

        schedule = new CronSchedule(string.Join(' ', parts), sets);
        error = string.Empty;
        return true;
    }

    private static bool TryParseField(string text, (string Name, int Min, int Max, string[]? Names) field, out ulong set, out string error)
    {
        set = 0;
        foreach (var item in text.Split(','))
        {
            var step = 1;
            var range = item;
            var slash = item.IndexOf('/', StringComparison.Ordinal);
            if (slash >= 0)
            {
                if (!int.TryParse(item[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out step) || step <= 0)
                {
                    error = $"{field.Name} field '{text}': the step after '/' must be a positive number.";
                    return false;
                }

                range = item[..slash];
            }

            int low, high;
            if (range == "*")
            {
                (low, high) = (field.Min, field.Max == 7 ? 6 : field.Max);
            }
            else
            {
                var dash = range.IndexOf('-', StringComparison.Ordinal);
                if (!TryValue(dash < 0 ? range : range[..dash], field, out low) ||
                    !TryValue(dash < 0 ? range : range[(dash + 1)..], field, out high))
                {
                    error = $"{field.Name} field '{text}': '{range}' is not a value from {field.Min} to {field.Max}.";
                    return false;
                }

                if (dash < 0 && slash >= 0)
                {
                    high = field.Max;
                }

                if (low > high)
                {
                    error = $"{field.Name} field '{text}': range '{range}' runs backwards.";
                    return false;
                }
            }

            for (var v = low; v <= high; v += step)
            {
                set |= 1UL << v;
            }
        }

        error = string.Empty;
        return true;
    }

    private static bool TryValue(string text, (string Name, int Min, int Max, string[]? Names) field, out int value)
    {
        if (field.Names is { } names)
        {
            var index = Array.FindIndex(names, n => n.Equals(text, StringComparison.OrdinalIgnoreCase));
            if (index >= 0)
            {
                value = field.Min == 1 ? index + 1 : index;
                return true;
            }
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= field.Min && value <= field.Max;
    }
}
