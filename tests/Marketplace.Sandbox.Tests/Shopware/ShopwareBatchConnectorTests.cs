using Marketplace.Shared.Marketplaces;
using Marketplace.Shared.Shopware;
using Shouldly;
using Xunit;

namespace Marketplace.Sandbox.Tests.Shopware;

/// <summary>The Shopware connector as an <see cref="IMarketplaceBatchConnector"/>, and media and categories kept in step on update.</summary>
[Trait("Category", "Integration")]
public sealed class ShopwareBatchConnectorTests : ShopwareSandboxTestBase
{
    [Fact]
    public async Task BatchUpsert_WritesManyProductsInOneSyncRequest_AndReportsTheRefusedOne()
    {
        IMarketplaceBatchConnector connector = new ShopwareConnector(CreateClient());
        var drafts = Enumerable.Range(0, 6).Select(i => Draft($"BAT-{i}") with { ImageUrls = [] }).ToList();
        drafts[3] = drafts[3] with { Title = string.Empty };

        var results = await connector.UpsertListingsAsync(drafts);

        results.Select(r => r.Sku).ShouldBe(drafts.Select(d => d.Sku));
        results.Where(r => r.Succeeded).Select(r => r.Reference!.ExternalId).ShouldBe(
            drafts.Where((_, i) => i != 3).Select(d => ShopwareProductMapper.ProductId(d.Sku)));
        results[3].Error.ShouldNotBeNull().ShouldContain("/name");
        Sandbox.ProductByNumber("BAT-3").ShouldBeNull();
        Sandbox.Writes.Count(w => w.Rows.Any(r => r.Entity == "product")).ShouldBe(1);
        Sandbox.Writes.Single(w => w.Rows.Any(r => r.Entity == "product")).Rows.Count.ShouldBe(5);
    }

    [Fact]
    public async Task BatchFindAndEnd_AnswerPerSku_AndAnUnknownSkuIsAlreadyEnded()
    {
        var client = CreateClient();
        IMarketplaceBatchConnector connector = new ShopwareConnector(client);
        var skus = await SeedAsync(client, "BEND", 3);

        var found = await connector.FindListingsAsync([.. skus, "BEND-NONE"]);
        var ended = await connector.EndListingsAsync([skus[0], "BEND-NONE", skus[2]], "sold out");

        found.Keys.Order().ShouldBe(skus);
        found.Values.ShouldAllBe(r => r.Status == "ACTIVE");
        ended.Select(r => (r.Sku, r.Succeeded, r.Reference?.Status)).ShouldBe([(skus[0], true, "SOLD"), ("BEND-NONE", true, null), (skus[2], true, "SOLD")]);
        (StockOf(skus[0]), StockOf(skus[1]), StockOf(skus[2])).ShouldBe((0, 5, 0));
    }

    [Fact]
    public async Task BatchUpsert_InStockOnlyMode_WritesStockOfKnownProducts_AndCreatesNone()
    {
        var client = CreateClient();
        var skus = await SeedAsync(client, "BSO", 2);
        IMarketplaceBatchConnector connector = new ShopwareConnector(CreateClient(o => o.Mode = ShopwareRolloutMode.StockOnly));

        var results = await connector.UpsertListingsAsync([Draft(skus[0], quantity: 7), Draft("BSO-NEW", quantity: 1)]);

        results[0].Succeeded.ShouldBeTrue();
        results[1].Error.ShouldNotBeNull().ShouldContain("StockOnly");
        StockOf(skus[0]).ShouldBe(7);
        Sandbox.ProductByNumber("BSO-NEW").ShouldBeNull();
        Sandbox.Writes.SelectMany(w => w.Rows).Where(r => r.Entity == "product").Skip(2).ShouldAllBe(r => r.Fields.Order().SequenceEqual(new[] { "id", "stock" }));
    }

    [Fact]
    public async Task Update_AddsNewImages_UnlinksRemovedOnes_AndFetchesOnlyTheNewOnes()
    {
        var connector = new ShopwareConnector(CreateClient());
        await connector.UpsertListingAsync(Draft("MED-1") with { ImageUrls = ["https://img.example/a.jpg", "https://img.example/b.jpg"] });
        Sandbox.MediaFiles.Clear();

        await connector.UpsertListingAsync(Draft("MED-1") with { ImageUrls = ["https://img.example/b.jpg", "https://img.example/c.webp"] });

        var media = Sandbox.ProductByNumber("MED-1")!["media"]!.AsArray();
        media.Select(m => (m!["mediaId"]!.GetValue<string>(), m["position"]!.GetValue<int>())).Order().ShouldBe(
            new[] { (ShopwareProductMapper.IdFor("media:https://img.example/b.jpg"), 0), (ShopwareProductMapper.IdFor("media:https://img.example/c.webp"), 1) }.Order());
        Sandbox.MediaFiles.ShouldBe(new Dictionary<string, string> { [ShopwareProductMapper.IdFor("media:https://img.example/c.webp")] = "https://img.example/c.webp" });
        Sandbox.ProductByNumber("MED-1")!["coverId"]!.GetValue<string>().ShouldBe(media.Single(m => m!["position"]!.GetValue<int>() == 0)!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task CategoryPath_IsFoundOrCreatedLevelByLevel_AndAMovedProductLeavesItsOldCategory()
    {
        var client = CreateClient();
        var connector = new ShopwareConnector(client);
        await client.SyncAsync([ShopwareSyncOperation.Upsert("seed", "category", [new System.Text.Json.Nodes.JsonObject { ["id"] = "aa000000000000000000000000000001", ["name"] = "Instruments" }])]);

        await connector.UpsertListingAsync(Draft("CAT-1") with { CategoryId = "Instruments > Basses" });
        await new ShopwareConnector(client).UpsertListingAsync(Draft("CAT-2") with { CategoryId = "Instruments/Basses" });
        var basses = Sandbox.All("category").Single(c => c["name"]!.GetValue<string>() == "Basses");
        await connector.UpsertListingAsync(Draft("CAT-1") with { CategoryId = "Instruments > Guitars" });

        Sandbox.All("category").Select(c => c["name"]!.GetValue<string>()).Order().ShouldBe(["Basses", "Guitars", "Instruments"]);
        basses["parentId"]!.GetValue<string>().ShouldBe("aa000000000000000000000000000001");
        var guitars = Sandbox.All("category").Single(c => c["name"]!.GetValue<string>() == "Guitars");
        Categories("CAT-1").ShouldBe([guitars["id"]!.GetValue<string>()]);
        Categories("CAT-2").ShouldBe([basses["id"]!.GetValue<string>()]);
    }

    private IReadOnlyList<string> Categories(string sku) => [.. Sandbox.ProductByNumber(sku)!["categories"]!.AsArray().Select(c => c!["id"]!.GetValue<string>())];
}
