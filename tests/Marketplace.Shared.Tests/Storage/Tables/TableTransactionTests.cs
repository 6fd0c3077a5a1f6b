using Azure;
using Marketplace.Shared.Storage;
using Marketplace.Shared.Storage.Tables;
using Marketplace.TestSupport;
using Shouldly;
using Xunit;

namespace Marketplace.Shared.Tests.Storage.Tables;

[Trait("Category", "Integration")]
public sealed class TableTransactionTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Transaction_WithEveryActionType_AppliesAllAndReturnsETags()
    {
        var table = await TableTestContext.NewTableAsync(azurite);
        var mergeTag = await table.AddEntityAsync(new TableEntity("p", "merge") { ["Keep"] = "k", ["V"] = 1 });
        await table.AddEntityAsync(new TableEntity("p", "replace") { ["Drop"] = "d" });
        var deleteTag = await table.AddEntityAsync(new TableEntity("p", "delete"));
        await table.AddEntityAsync(new TableEntity("p", "upsertmerge") { ["Keep"] = "k" });

        var results = await table.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.Add, new TableEntity("p", "add") { ["V"] = 1 }),
            new(TableTransactionActionType.UpdateMerge, new TableEntity("p", "merge") { ["V"] = 2 }, mergeTag),
            new(TableTransactionActionType.UpdateReplace, new TableEntity("p", "replace") { ["V"] = 3 }),
            new(TableTransactionActionType.Delete, new TableEntity("p", "delete"), deleteTag),
            new(TableTransactionActionType.UpsertMerge, new TableEntity("p", "upsertmerge") { ["V"] = 4 }),
            new(TableTransactionActionType.UpsertReplace, new TableEntity("p", "upsertreplace") { ["V"] = 5 }),
        ]);

        results.Count.ShouldBe(6);
        results.Where(r => r.Index != 3).ShouldAllBe(r => r.ETag != default);
        results.ShouldAllBe(r => r.Status >= 200 && r.Status < 300);
        var entities = (await table.QueryAsync().ToListAsync()).ToDictionary(e => e.RowKey);
        entities.Keys.Order().ShouldBe(["add", "merge", "replace", "upsertmerge", "upsertreplace"]);
        entities["merge"].GetString("Keep").ShouldBe("k");
        entities["merge"].GetInt32("V").ShouldBe(2);
        entities["merge"].ETag.ShouldBe(results[1].ETag);
        entities["replace"].ContainsKey("Drop").ShouldBeFalse();
        entities["upsertmerge"].GetString("Keep").ShouldBe("k");
        entities["upsertreplace"].GetInt32("V").ShouldBe(5);
    }

    [Fact]
    public async Task Transaction_WithFailingActionInTheMiddle_AppliesNoneAndNamesTheIndex()
    {
        var table = await TableTestContext.NewTableAsync(azurite);
        await table.AddEntityAsync(new TableEntity("p", "exists") { ["V"] = 0 });

        var ex = await Should.ThrowAsync<TableTransactionFailedException>(() => table.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.Add, new TableEntity("p", "new1")),
            new(TableTransactionActionType.UpsertReplace, new TableEntity("p", "new2")),
            new(TableTransactionActionType.Add, new TableEntity("p", "exists") { ["V"] = 1 }),
            new(TableTransactionActionType.Add, new TableEntity("p", "new3")),
        ]));

        ex.FailedTransactionActionIndex.ShouldBe(2);
        ex.Status.ShouldBe(409);
        ex.ErrorCode.ShouldBe("EntityAlreadyExists");
        ex.IsConflict().ShouldBeTrue();
        var remaining = await table.QueryAsync().ToListAsync();
        remaining.Single().RowKey.ShouldBe("exists");
        remaining.Single().GetInt32("V").ShouldBe(0);
    }

    [Fact]
    public async Task Transaction_WithStaleETag_Fails412AndAppliesNone()
    {
        var table = await TableTestContext.NewTableAsync(azurite);
        var stale = await table.AddEntityAsync(new TableEntity("p", "r") { ["V"] = 1 });
        await table.UpsertEntityAsync(new TableEntity("p", "r") { ["V"] = 2 });

        var ex = await Should.ThrowAsync<TableTransactionFailedException>(() => table.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.Add, new TableEntity("p", "other")),
            new(TableTransactionActionType.UpdateReplace, new TableEntity("p", "r") { ["V"] = 3 }, stale),
        ]));

        ex.Status.ShouldBe(412);
        ex.IsPreconditionFailed().ShouldBeTrue();
        ex.FailedTransactionActionIndex.ShouldBe(1);
        (await table.GetEntityIfExistsAsync("p", "other")).ShouldBeNull();
        (await table.GetEntityAsync("p", "r")).GetInt32("V").ShouldBe(2);
    }

    [Fact]
    public async Task Transaction_WithQuotesSpacesAndSymbolsInKeys_Commits()
    {
        var table = await TableTestContext.NewTableAsync(azurite);
        const string partitionKey = "O'Brien & sons";
        await table.AddEntityAsync(new TableEntity(partitionKey, "it's %20"));

        await table.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.UpdateMerge, new TableEntity(partitionKey, "it's %20") { ["V"] = 1 }),
            new(TableTransactionActionType.UpsertReplace, new TableEntity(partitionKey, "ünï+cödé=") { ["V"] = 2 }),
        ]);

        (await table.GetEntityAsync(partitionKey, "it's %20")).GetInt32("V").ShouldBe(1);
        (await table.GetEntityAsync(partitionKey, "ünï+cödé=")).GetInt32("V").ShouldBe(2);
    }

    [Fact]
    public async Task Transaction_OfExactly100Actions_Commits()
    {
        var table = await TableTestContext.NewTableAsync(azurite);

        var results = await table.SubmitTransactionAsync(Enumerable.Range(0, 100)
            .Select(i => new TableTransactionAction(TableTransactionActionType.UpsertMerge, new TableEntity("p", $"r{i:D3}") { ["I"] = i })));

        results.Count.ShouldBe(100);
        (await table.QueryAsync().CountAsync()).ShouldBe(100);
    }

    [Fact]
    public async Task Transaction_Over100Actions_IsRejectedBeforeSending()
    {
        var table = new TableServiceClient(azurite.Account).GetTableClient(AzuriteFixture.UniqueName("never"));

        var ex = await Should.ThrowAsync<ArgumentException>(() => table.SubmitTransactionAsync(Enumerable.Range(0, 101)
            .Select(i => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", $"r{i}")))));

        ex.Message.ShouldContain("at most 100");
    }

    [Fact]
    public async Task Transaction_AcrossPartitions_IsRejectedBeforeSending()
    {
        var table = new TableServiceClient(azurite.Account).GetTableClient(AzuriteFixture.UniqueName("never"));

        var ex = await Should.ThrowAsync<ArgumentException>(() => table.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.Add, new TableEntity("p1", "r")),
            new(TableTransactionActionType.Add, new TableEntity("p2", "r")),
        ]));

        ex.Message.ShouldContain("'p1'");
        ex.Message.ShouldContain("'p2'");
    }

    [Fact]
    public async Task Transaction_EmptyOrRepeatingAnEntity_IsRejectedBeforeSending()
    {
        var table = new TableServiceClient(azurite.Account).GetTableClient(AzuriteFixture.UniqueName("never"));

        await Should.ThrowAsync<ArgumentException>(() => table.SubmitTransactionAsync([]));
        var ex = await Should.ThrowAsync<ArgumentException>(() => table.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.Add, new TableEntity("p", "r")),
            new(TableTransactionActionType.Delete, new TableEntity("p", "r")),
        ]));
        ex.Message.ShouldContain("repeats row key 'r'");
    }
}
