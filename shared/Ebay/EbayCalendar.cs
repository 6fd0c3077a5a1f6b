namespace Marketplace.Shared.Ebay;

/// <summary>eBay counts daily call limits and revisions per calendar day in Pacific time (midnight to midnight).</summary>
internal static class EbayCalendar
{
    private static readonly TimeZoneInfo Pacific = FindPacific();

    public static DateOnly Today(DateTimeOffset now) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, Pacific).DateTime);

    /// <summary>The next Pacific midnight after <paramref name="now"/>, when daily limits reset.</summary>
    public static DateTimeOffset NextReset(DateTimeOffset now)
    {
        var local = TimeZoneInfo.ConvertTime(now, Pacific);
        var midnight = local.Date.AddDays(1);
        return new DateTimeOffset(midnight, Pacific.GetUtcOffset(midnight));
    }

    private static TimeZoneInfo FindPacific()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles");
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.CreateCustomTimeZone("PST", TimeSpan.FromHours(-8), "PST", "PST");
        }
    }
}
