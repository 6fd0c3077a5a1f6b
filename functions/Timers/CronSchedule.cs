namespace Marketplace.Functions.Timers;

/// <summary>
/// A six-field NCRONTAB expression as Azure Functions timer triggers use it:
/// <c>{second} {minute} {hour} {day} {month} {day-of-week}</c>, each field <c>*</c>, a value, a range <c>a-b</c>,
/// a list <c>a,b</c> or a step <c>*/n</c>, <c>a/n</c>, <c>a-b/n</c>; month and weekday names (<c>Jan</c>, <c>Mon</c>)
/// are accepted; weekday 0 and 7 are Sunday. Day and weekday must both match (NCRONTAB semantics).
/// Occurrences are computed in UTC.
/// </summary>
internal sealed partial class CronSchedule
{
    private readonly ulong _seconds;
    private readonly ulong _minutes;
    private readonly ulong _hours;
    private readonly ulong _days;
    private readonly ulong _months;
    private readonly ulong _weekdays;

    private CronSchedule(string expression, ulong[] fields)
    {
        Expression = expression;
        (_seconds, _minutes, _hours, _days, _months, _weekdays) = (fields[0], fields[1], fields[2], fields[3], fields[4], fields[5]);
    }

    public string Expression { get; }

    /// <exception cref="FormatException">The expression is not a valid six-field NCRONTAB expression; the message says why.</exception>
    public static CronSchedule Parse(string expression) =>
        TryParse(expression, out var schedule, out var error) ? schedule : throw new FormatException($"'{expression}' is not a valid NCRONTAB expression: {error}");

    /// <summary>The first occurrence strictly after <paramref name="after"/> (to the second), or null when the schedule never fires (for example 30 February).</summary>
    public DateTimeOffset? GetNextOccurrence(DateTimeOffset after)
    {
        var utc = after.UtcDateTime;
        var t = new DateTime(utc.Year, utc.Month, utc.Day, utc.Hour, utc.Minute, utc.Second, DateTimeKind.Utc).AddSeconds(1);
        var limit = t.AddYears(5);
        while (t < limit)
        {
            if (!Has(_months, t.Month))
            {
                t = new DateTime(t.Year, t.Month, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(1);
                continue;
            }

            if (!Has(_days, t.Day) || !Has(_weekdays, (int)t.DayOfWeek))
            {
                t = t.Date.AddDays(1);
                continue;
            }

            if (!Has(_hours, t.Hour))
            {
                t = t.Date.AddHours(t.Hour + 1);
                continue;
            }

            if (!Has(_minutes, t.Minute))
            {
                t = t.Date.AddHours(t.Hour).AddMinutes(t.Minute + 1);
                continue;
            }

            if (!Has(_seconds, t.Second))
            {
                t = t.AddSeconds(1);
                continue;
            }

            return new DateTimeOffset(t);
        }

        return null;
    }

    /// <summary>The most recent occurrence at or before <paramref name="atOrBefore"/>, searched within <paramref name="window"/>, or null.</summary>
    public DateTimeOffset? GetPreviousOccurrence(DateTimeOffset atOrBefore, TimeSpan window)
    {
        DateTimeOffset? last = null;
        for (var next = GetNextOccurrence(atOrBefore - window - TimeSpan.FromSeconds(1)); next is { } n && n <= atOrBefore; next = GetNextOccurrence(n))
        {
            last = n;
        }

        return last;
    }

    public override string ToString() => Expression;

    private static bool Has(ulong set, int value) => (set & (1UL << value)) != 0;
}
