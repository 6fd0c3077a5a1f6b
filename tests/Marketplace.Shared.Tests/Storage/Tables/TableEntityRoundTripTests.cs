using Marketplace.Shared.Storage.Tables;
using Marketplace.TestSupport;
using Shouldly;
using Xunit;

namespace Marketplace.Shared.Tests.Storage.Tables;

[Trait("Category", "Integration")]
public sealed class TableEntityRoundTripTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly DateTimeOffset When = new(2024, 2, 29, 23, 59, 58, 123, TimeSpan.FromHours(2));
    private static readonly Guid Id = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");

    [Fact]
    public async Task AllPropertyTypes_RoundTripWithTheirClrTypes_ThroughGetAndQuery()
    {
        var table = await TableTestContext.NewTableAsync(azurite);
        await table.AddEntityAsync(NewEntity("r"));

        var read = await table.GetEntityAsync("p", "r");
        var queried = await table.QueryAsync(TableFilter.Equal("RowKey", "r")).SingleAsync();

        AssertRoundTrip(read);
        AssertRoundTrip(queried);
    }

    [Fact]
    public async Task WholeAndSpecialDoubles_StayDoubles()
    {
        var table = await TableTestContext.NewTableAsync(azurite);
        await table.UpsertEntityAsync(new TableEntity("p", "d") { ["Whole"] = 2.0, ["NaN"] = double.NaN, ["Inf"] = double.PositiveInfinity });

        var read = await table.GetEntityAsync("p", "d");

        read["Whole"].ShouldBeOfType<double>().ShouldBe(2.0);
        double.IsNaN(read.GetDouble("NaN")!.Value).ShouldBeTrue();
        read.GetDouble("Inf").ShouldBe(double.PositiveInfinity);
    }

    [Fact]
    public void TypedGetters_WidenIntButRejectOtherTypes()
    {
        var entity = new TableEntity("p", "r") { ["I"] = 5, ["S"] = "x" };

        entity.GetInt64("I").ShouldBe(5L);
        entity.GetDouble("I").ShouldBe(5.0);
        entity.GetString("Missing").ShouldBeNull();
        Should.Throw<InvalidOperationException>(() => entity.GetInt32("S")).Message.ShouldContain("'S'");
    }

    [Fact]
    public void SettingUnsupportedType_ThrowsNamingTheProperty()
    {
        var entity = new TableEntity("p", "r");

        Should.Throw<ArgumentException>(() => entity["Price"] = 1.5m).Message.ShouldContain("'Price'");
    }

    [Fact]
    public void DateTime_IsStoredAsUtcDateTimeOffset()
    {
        var entity = new TableEntity("p", "r") { ["At"] = new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc) };

        entity.GetDateTimeOffset("At").ShouldBe(new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero));
    }

    private static TableEntity NewEntity(string rowKey) => new("p", rowKey)
    {
        ["Text"] = "héllo 'quoted' \"double\"",
        ["Flag"] = true,
        ["Int"] = -42,
        ["Long"] = long.MaxValue,
        ["Double"] = 3.25,
        ["When"] = When,
        ["Id"] = Id,
        ["Bytes"] = new byte[] { 0, 1, 254, 255 },
    };

    private static void AssertRoundTrip(TableEntity read)
    {
        read["Text"].ShouldBeOfType<string>().ShouldBe("héllo 'quoted' \"double\"");
        read["Flag"].ShouldBeOfType<bool>().ShouldBeTrue();
        read["Int"].ShouldBeOfType<int>().ShouldBe(-42);
        read["Long"].ShouldBeOfType<long>().ShouldBe(long.MaxValue);
        read["Double"].ShouldBeOfType<double>().ShouldBe(3.25);
        read["When"].ShouldBeOfType<DateTimeOffset>().ShouldBe(When);
        read["Id"].ShouldBeOfType<Guid>().ShouldBe(Id);
        read["Bytes"].ShouldBeOfType<byte[]>().ShouldBe(new byte[] { 0, 1, 254, 255 });
        read.GetString("Text").ShouldNotBeNull();
        read.GetBoolean("Flag").ShouldBe(true);
        read.GetInt32("Int").ShouldBe(-42);
        read.GetInt64("Long").ShouldBe(long.MaxValue);
        read.GetDouble("Double").ShouldBe(3.25);
        read.GetDateTimeOffset("When").ShouldBe(When);
        read.GetGuid("Id").ShouldBe(Id);
        read.GetBinary("Bytes").ShouldBe(new byte[] { 0, 1, 254, 255 });
        read.ETag.ToString().ShouldNotBeNullOrEmpty();
        read.Timestamp.ShouldNotBeNull();
    }
}
