using Azure;
using Marketplace.Shared.Storage;
using Marketplace.Shared.Storage.Tables;
using Marketplace.TestSupport;
using Shouldly;
using Xunit;

namespace Marketplace.Shared.Tests.Storage.Tables;

[Trait("Category", "Integration")]
public sealed class TableClientTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task CreateIfNotExists_CreatesOnceThenReportsExisting_AndDeleteRemovesIt()
    {
        var table = new TableServiceClient(azurite.Account).GetTableClient(AzuriteFixture.UniqueName("c"));

        (await table.CreateIfNotExistsAsync()).ShouldBeTrue();
        (await table.CreateIfNotExistsAsync()).ShouldBeFalse();
        (await table.DeleteAsync()).ShouldBeTrue();
        (await table.DeleteAsync()).ShouldBeFalse();
        var ex = await Should.ThrowAsync<RequestFailedException>(() => table.AddEntityAsync(new TableEntity("p", "r")));
        ex.IsNotFound().ShouldBeTrue();
    }

    [Fact]
    public async Task ServiceClient_CreatesAndDeletesTablesByName()
    {
        var service = new TableServiceClient(azurite.Account);
        var name = AzuriteFixture.UniqueName("svc");

        (await service.CreateTableIfNotExistsAsync(name)).ShouldBeTrue();
        await service.GetTableClient(name).AddEntityAsync(new TableEntity("p", "r"));
        (await service.DeleteTableAsync(name)).ShouldBeTrue();

        var ex = await Should.ThrowAsync<RequestFailedException>(() => service.GetTableClient(name).GetEntityIfExistsAsync("p", "r"));
        ex.ErrorCode.ShouldBe("TableNotFound");
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("1abc")]
    [InlineData("with-dash")]
    [InlineData("")]
    public void GetTableClient_WithInvalidName_ThrowsNamingTheRule(string name)
    {
        var ex = Should.Throw<ArgumentException>(() => new TableServiceClient(azurite.Account).GetTableClient(name));
        ex.Message.ShouldContain("3-63 characters");
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("a#b")]
    [InlineData("a?b")]
    [InlineData("a\tb")]
    public void Entity_WithForbiddenKeyCharacter_Throws(string key)
    {
        Should.Throw<ArgumentException>(() => new TableEntity(key, "r")).Message.ShouldContain("PartitionKey");
        Should.Throw<ArgumentException>(() => new TableEntity("p", key)).Message.ShouldContain("RowKey");
    }

    [Fact]
    public async Task Add_ThenGet_ReturnsEntityWithETagAndTimestamp()
    {
        var table = await TableTestContext.NewTableAsync(azurite);
        var etag = await table.AddEntityAsync(new TableEntity("p", "r") { ["Name"] = "first" });

        var read = await table.GetEntityAsync("p", "r");

        etag.ShouldNotBe(default);
        read.ETag.ShouldBe(etag);
        read.GetString("Name").ShouldBe("first");
        read.Timestamp.ShouldNotBeNull();
    }

    [Fact]
    public async Task Add_ExistingKey_Fails409EntityAlreadyExists()
    {
        var table = await TableTestContext.NewTableAsync(azurite);
        await table.AddEntityAsync(new TableEntity("p", "r"));

        var ex = await Should.ThrowAsync<RequestFailedException>(() => table.AddEntityAsync(new TableEntity("p", "r")));

        ex.Status.ShouldBe(409);
        ex.ErrorCode.ShouldBe("EntityAlreadyExists");
        ex.IsConflict().ShouldBeTrue();
        ex.IsPreconditionFailed().ShouldBeFalse();
    }

    [Fact]
    public async Task Upsert_MergeKeepsOtherProperties_ReplaceDropsThem()
    {
        var table = await TableTestContext.NewTableAsync(azurite);
        await table.UpsertEntityAsync(new TableEntity("p", "r") { ["A"] = 1, ["B"] = "b" });

        await table.UpsertEntityAsync(new TableEntity("p", "r") { ["A"] = 2 }, TableUpdateMode.Merge);
        var merged = await table.GetEntityAsync("p", "r");
        await table.UpsertEntityAsync(new TableEntity("p", "r") { ["C"] = true }, TableUpdateMode.Replace);
        var replaced = await table.GetEntityAsync("p", "r");

        merged.GetInt32("A").ShouldBe(2);
        merged.GetString("B").ShouldBe("b");
        replaced.ContainsKey("A").ShouldBeFalse();
        replaced.ContainsKey("B").ShouldBeFalse();
        replaced.GetBoolean("C").ShouldBe(true);
    }

    [Fact]
    public async Task Update_WithCurrentETag_Succeeds_WithStaleETag_Fails412()
    {
        var table = await TableTestContext.NewTableAsync(azurite);
        var first = await table.AddEntityAsync(new TableEntity("p", "r") { ["V"] = 1 });
        var second = await table.UpdateEntityAsync(new TableEntity("p", "r") { ["V"] = 2 }, first, TableUpdateMode.Replace);

        var ex = await Should.ThrowAsync<RequestFailedException>(
            () => table.UpdateEntityAsync(new TableEntity("p", "r") { ["V"] = 3 }, first, TableUpdateMode.Merge));

        second.ShouldNotBe(first);
        ex.Status.ShouldBe(412);
        ex.ErrorCode.ShouldBe("UpdateConditionNotSatisfied");
        ex.IsPreconditionFailed().ShouldBeTrue();
        (await table.GetEntityAsync("p", "r")).GetInt32("V").ShouldBe(2);
    }

    [Fact]
    public async Task Update_OfMissingEntity_Fails404()
    {
        var table = await TableTestContext.NewTableAsync(azurite);

        var ex = await Should.ThrowAsync<RequestFailedException>(() => table.UpdateEntityAsync(new TableEntity("p", "none"), ETag.All));

        ex.IsNotFound().ShouldBeTrue();
    }

    [Fact]
    public async Task Delete_WithStaleETag_Fails412_WithCurrentOrAnyETag_Deletes()
    {
        var table = await TableTestContext.NewTableAsync(azurite);
        var stale = await table.AddEntityAsync(new TableEntity("p", "r"));
        var current = await table.UpsertEntityAsync(new TableEntity("p", "r") { ["X"] = 1 });
        await table.AddEntityAsync(new TableEntity("p", "r2"));

        var ex = await Should.ThrowAsync<RequestFailedException>(() => table.DeleteEntityAsync("p", "r", stale));
        var deleted = await table.DeleteEntityAsync("p", "r", current);
        var deletedAny = await table.DeleteEntityAsync("p", "r2");
        var deletedAgain = await table.DeleteEntityAsync("p", "r2");

        ex.Status.ShouldBe(412);
        deleted.ShouldBeTrue();
        deletedAny.ShouldBeTrue();
        deletedAgain.ShouldBeFalse();
        (await table.GetEntityIfExistsAsync("p", "r")).ShouldBeNull();
    }

    [Fact]
    public async Task GetEntity_WhenAbsent_Throws404_AndIfExistsReturnsNull()
    {
        var table = await TableTestContext.NewTableAsync(azurite);

        var ex = await Should.ThrowAsync<RequestFailedException>(() => table.GetEntityAsync("p", "missing"));
        var missing = await table.GetEntityIfExistsAsync("p", "missing");

        ex.IsNotFound().ShouldBeTrue();
        missing.ShouldBeNull();
    }

    [Fact]
    public async Task GetEntityIfExists_WhenTableIsMissing_Throws404()
    {
        var table = new TableServiceClient(azurite.Account).GetTableClient(AzuriteFixture.UniqueName("missing"));

        var ex = await Should.ThrowAsync<RequestFailedException>(() => table.GetEntityIfExistsAsync("p", "r"));

        ex.IsNotFound().ShouldBeTrue();
        ex.ErrorCode.ShouldBe("TableNotFound");
    }

    [Fact]
    public async Task GetEntity_WithSelect_ReturnsOnlySelectedProperties()
    {
        var table = await TableTestContext.NewTableAsync(azurite);
        await table.AddEntityAsync(new TableEntity("p", "r") { ["A"] = "a", ["B"] = "b" });

        var read = await table.GetEntityAsync("p", "r", select: ["A"]);

        read.GetString("A").ShouldBe("a");
        read.ContainsKey("B").ShouldBeFalse();
    }

    [Theory]
    [InlineData("O'Brien", "it's")]
    [InlineData("space and ünïcödé", "%20+&=")]
    [InlineData("", "")]
    public async Task Keys_WithQuotesSpacesAndSymbols_RoundTrip(string partitionKey, string rowKey)
    {
        var table = await TableTestContext.NewTableAsync(azurite);
        await table.AddEntityAsync(new TableEntity(partitionKey, rowKey) { ["V"] = 1 });
        await table.UpdateEntityAsync(new TableEntity(partitionKey, rowKey) { ["V"] = 2 }, ETag.All);

        var read = await table.GetEntityAsync(partitionKey, rowKey);

        read.PartitionKey.ShouldBe(partitionKey);
        read.RowKey.ShouldBe(rowKey);
        read.GetInt32("V").ShouldBe(2);
        (await table.DeleteEntityAsync(partitionKey, rowKey)).ShouldBeTrue();
    }
}
