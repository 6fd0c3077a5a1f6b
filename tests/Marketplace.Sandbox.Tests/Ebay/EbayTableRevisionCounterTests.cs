using Azure.Data.Tables;
using Marketplace.Shared.Ebay;
using Marketplace.TestSupport;
using Shouldly;
using Xunit;

namespace Marketplace.Sandbox.Tests.Ebay;

/// <summary>The shared revision counter on Azurite: two counters on one table stand for two app instances.</summary>
[Trait("Category", "Integration")]
public sealed class EbayTableRevisionCounterTests(AzuriteFixture azurite) : EbaySandboxTestBase, IClassFixture<AzuriteFixture>
{
    private readonly TableServiceClient _tables = azurite.Account.CreateTableServiceClient();

    [Fact]
    public async Task TryReserve_ConcurrentlyFromTwoInstances_GrantsExactlyTheLimit()
    {
        var table = AzuriteFixture.UniqueName("rev");
        var first = new EbayTableRevisionCounter(_tables, table, TimeProvider.System, limit: 10);
        var second = new EbayTableRevisionCounter(_tables, table, TimeProvider.System, limit: 10);

        var granted = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => (i % 2 == 0 ? first : second).TryReserveAsync("SKU/1#?").AsTask()));

        granted.Count(g => g).ShouldBe(10);
        (await second.CountTodayAsync("SKU/1#?")).ShouldBe(10);
        (await first.CountTodayAsync("OTHER")).ShouldBe(0);
    }

    [Fact]
    public async Task TryReserve_AfterPacificMidnight_StartsANewDay()
    {
        var time = new ManualTime(new DateTimeOffset(2026, 11, 20, 7, 59, 0, TimeSpan.Zero)); // 23:59 in Los Angeles
        var counter = new EbayTableRevisionCounter(_tables, AzuriteFixture.UniqueName("rev"), time, limit: 1);

        var before = await counter.TryReserveAsync("DAY-1");
        var refused = await counter.TryReserveAsync("DAY-1");
        time.Now = time.Now.AddMinutes(2);
        var nextDay = await counter.TryReserveAsync("DAY-1");

        before.ShouldBeTrue();
        refused.ShouldBeFalse();
        nextDay.ShouldBeTrue();
    }

    [Fact]
    public async Task Client_RevisionsCountedByAnotherInstance_HitTheLimitHere()
    {
        var table = AzuriteFixture.UniqueName("rev");
        var instanceA = CreateClient(revisions: new EbayTableRevisionCounter(_tables, table, TimeProvider.System, limit: 3));
        var instanceB = CreateClient(revisions: new EbayTableRevisionCounter(_tables, table, TimeProvider.System, limit: 3));
        await new EbayConnector(instanceA).UpsertListingAsync(Draft("REV-X")); // inventory item + offer update: 1 revision
        await new EbayConnector(instanceA).SetQuantityAsync("REV-X", 2);
        await new EbayConnector(instanceB).SetQuantityAsync("REV-X", 1);
        var callsBefore = Sandbox.BulkCalls;

        var refused = await Should.ThrowAsync<EbayRevisionLimitException>(() => new EbayConnector(instanceB).SetQuantityAsync("REV-X", 0));

        refused.Message.ShouldContain("REV-X");
        Sandbox.BulkCalls.ShouldBe(callsBefore);
        Sandbox.GetItem("REV-X")!["availability"]!["shipToLocationAvailability"]!["quantity"]!.GetValue<int>().ShouldBe(1);
    }

    private sealed class ManualTime(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
