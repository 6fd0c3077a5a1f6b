using Marketplace.Functions.Timers;
using Shouldly;
using Xunit;

namespace Marketplace.Functions.Tests.Timers;

/// <summary>NCRONTAB examples from the Azure Functions timer trigger reference.</summary>
public sealed class CronScheduleTests
{
    private static DateTimeOffset At(string utc) => DateTimeOffset.Parse(utc + "Z", System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("0 0 * * * *", "2026-11-21T04:31:10", "2026-11-21T05:00:00")] // hourly (the reconciliation default)
    [InlineData("0 */5 * * * *", "2026-11-21T04:31:10", "2026-11-21T04:35:00")] // every five minutes
    [InlineData("5 * * * * *", "2026-11-21T04:31:10", "2026-11-21T04:32:05")] // once a minute at second 5
    [InlineData("0 30 9 * * 1-5", "2026-11-21T10:00:00", "2026-11-23T09:30:00")] // 9:30 on weekdays (the 21st is a Saturday)
    [InlineData("0 30 9 * Jan Mon", "2026-11-21T10:00:00", "2027-01-04T09:30:00")] // names
    [InlineData("0 0 0 1 * *", "2026-11-21T10:00:00", "2026-12-01T00:00:00")]
    [InlineData("0 0 12 * * 0", "2026-11-21T10:00:00", "2026-11-22T12:00:00")] // Sunday as 0
    [InlineData("0 0 12 * * 7", "2026-11-21T10:00:00", "2026-11-22T12:00:00")] // Sunday as 7
    [InlineData("0 0 9-10/1 * * *", "2026-11-21T09:00:00", "2026-11-21T10:00:00")]
    [InlineData("*/1 * * * * *", "2026-11-21T09:00:00", "2026-11-21T09:00:01")]
    [InlineData("0 0 0 29 2 *", "2026-11-21T09:00:00", "2028-02-29T00:00:00")]
    public void NextOccurrence_FollowsTheExpression(string expression, string after, string expected)
    {
        CronSchedule.Parse(expression).GetNextOccurrence(At(after)).ShouldBe(At(expected));
    }

    [Fact]
    public void NextOccurrence_IsStrictlyAfterTheGivenTime()
    {
        CronSchedule.Parse("0 0 * * * *").GetNextOccurrence(At("2026-11-21T05:00:00")).ShouldBe(At("2026-11-21T06:00:00"));
    }

    [Fact]
    public void NextOccurrence_OfAnImpossibleDate_IsNull()
    {
        CronSchedule.Parse("0 0 0 30 2 *").GetNextOccurrence(At("2026-11-21T05:00:00")).ShouldBeNull();
    }

    [Theory]
    [InlineData("0 * * * *", "expected 6 fields")]
    [InlineData("60 * * * * *", "second field")]
    [InlineData("0 0 24 * * *", "hour field")]
    [InlineData("0 0 0 0 * *", "day field")]
    [InlineData("0 0 0 * 13 *", "month field")]
    [InlineData("0 */0 * * * *", "step")]
    [InlineData("0 5-1 * * * *", "backwards")]
    [InlineData("0 0 0 * * Funday", "day-of-week field")]
    public void Parse_RejectsInvalidExpressions_SayingWhichField(string expression, string expected)
    {
        CronSchedule.TryParse(expression, out _, out var error).ShouldBeFalse();
        error.ShouldContain(expected);
    }

    [Fact]
    public void PreviousOccurrence_FindsTheLastOneWithinTheWindow()
    {
        CronSchedule.Parse("0 0 * * * *").GetPreviousOccurrence(At("2026-11-21T05:30:00"), TimeSpan.FromHours(2)).ShouldBe(At("2026-11-21T05:00:00"));
    }
}
