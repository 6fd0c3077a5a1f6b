using Marketplace.Shared.Storage.Tables;
using Marketplace.TestSupport;
using Shouldly;
using Xunit;

namespace Marketplace.Shared.Tests.Storage.Tables;

[Trait("Category", "Integration")]
public sealed class TableQueryTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Query_AcrossMoreThan1000Entities_FollowsContinuationAndHonoursPageSize()
    {
        var table = await TableTestContext.NewTableAsync(azurite, "page");
        await InsertAsync(table, "a", 600);
        await InsertAsync(table, "b", 600);

        var all = await table.QueryAsync().ToListAsync();
        var pages = await table.QueryPagesAsync(maxPerPage: 500).ToListAsync();

        all.Count.ShouldBe(1200);
        all.Select(e => (e.PartitionKey, e.RowKey)).Distinct().Count().ShouldBe(1200);
        pages.Select(p => p.Values.Count).ShouldBe([500, 500, 200]);
        pages[0].ContinuationToken.ShouldNotBeNull();
        pages[^1].ContinuationToken.ShouldBeNull();
    }

    [Fact]
    public async Task QueryPages_ResumedFromContinuationToken_ContinueWhereTheyStopped()
    {
        var table = await TableTestContext.NewTableAsync(azurite);
        await InsertAsync(table, "p", 25);

        var first = await table.QueryPageAsync(maxPerPage: 10);
        var rest = await table.QueryPagesAsync(maxPerPage: 10, continuationToken: first.ContinuationToken).ToListAsync();

        first.Values.Select(e => e.RowKey).ShouldBe(Enumerable.Range(0, 10).Select(RowKey));
        rest.SelectMany(p => p.Values).Select(e => e.RowKey).ShouldBe(Enumerable.Range(10, 15).Select(RowKey));
    }

    [Fact]
    public async Task Query_WithFilterAndSelect_ReturnsMatchingEntitiesAndSelectedProperties()
    {
        var table = await TableTestContext.NewTableAsync(azurite);
        await InsertAsync(table, "p", 20);
        await InsertAsync(table, "q", 5);

        var found = await table.QueryAsync(
            TableFilter.Create($"PartitionKey eq {"p"} and RowKey ge {RowKey(15)} and Number lt {18L}"),
            select: ["Number"]).ToListAsync();

        found.Select(e => e.GetInt64("Number")).ShouldBe([15L, 16L, 17L]);
        found.ShouldAllBe(e => !e.ContainsKey("Text"));
    }

    [Fact]
    public async Task Query_WithValueContainingQuote_MatchesExactlyThatValue()
    {
        var table = await TableTestContext.NewTableAsync(azurite);
        await table.AddEntityAsync(new TableEntity("p", "1") { ["Name"] = "O'Brien" });
        await table.AddEntityAsync(new TableEntity("p", "2") { ["Name"] = "O" });
        const string hostile = "x' or Name ne 'x";

        var quoted = await table.QueryAsync(TableFilter.Create($"Name eq {"O'Brien"}")).ToListAsync();
        var injected = await table.QueryAsync(TableFilter.Equal("Name", hostile)).ToListAsync();

        quoted.Single().RowKey.ShouldBe("1");
        injected.ShouldBeEmpty();
    }

    [Fact]
    public async Task Query_ByTypedValues_MatchesGuidDateAndBool()
    {
        var table = await TableTestContext.NewTableAsync(azurite);
        var id = Guid.NewGuid();
        var when = new DateTimeOffset(2025, 5, 6, 7, 8, 9, TimeSpan.Zero);
        await table.AddEntityAsync(new TableEntity("p", "1") { ["Id"] = id, ["At"] = when, ["On"] = true });
        await table.AddEntityAsync(new TableEntity("p", "2") { ["Id"] = Guid.NewGuid(), ["At"] = when.AddDays(-1), ["On"] = true });

        var found = await table.QueryAsync(TableFilter.And(
            TableFilter.Equal("Id", id),
            TableFilter.GreaterThanOrEqual("At", when),
            TableFilter.Equal("On", true))).ToListAsync();

        found.Single().RowKey.ShouldBe("1");
    }

    [Fact]
    public async Task QueryPage_WithForeignContinuationToken_Throws()
    {
        var table = await TableTestContext.NewTableAsync(azurite);

        await Should.ThrowAsync<ArgumentException>(() => table.QueryPageAsync(continuationToken: "a b c"));
        await Should.ThrowAsync<ArgumentOutOfRangeException>(() => table.QueryPageAsync(maxPerPage: 1001));
    }

    private static string RowKey(int i) => i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture);

    private static async Task InsertAsync(TableClient table, string partitionKey, int count)
    {
        foreach (var chunk in Enumerable.Range(0, count).Chunk(TableClient.MaxTransactionActions))
        {
            await table.SubmitTransactionAsync(chunk.Select(i => new TableTransactionAction(
                TableTransactionActionType.Add,
                new TableEntity(partitionKey, RowKey(i)) { ["Number"] = (long)i, ["Text"] = "t" })));
        }
    }
}
