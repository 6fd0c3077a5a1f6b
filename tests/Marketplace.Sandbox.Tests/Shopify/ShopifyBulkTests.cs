using Marketplace.Sandbox.Shopify;
using Marketplace.Shared.Marketplaces;
using Marketplace.Shared.Shopify;
using Shouldly;
using Xunit;

namespace Marketplace.Sandbox.Tests.Shopify;

[Collection(ShopifySandboxCollection.Name)]
[Trait("Category", "Integration")]
public sealed class ShopifyBulkTests(ShopifySandboxFixture fixture)
{
    [Fact]
    public async Task ImportThenExport_TenThousandProducts_RoundTripsExactly()
    {
        const int count = 10_000;
        var (client, shop) = fixture.NewShop();

        var results = await client.ImportProductsAsync(Drafts(count)).ToListAsync();
        var exported = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var product in client.ExportProductsAsync())
        {
            var draft = ShopifyProductMapper.ToListingDraft(product);
            exported.Add(draft.Sku, ShopifySandboxFixture.Canonical(draft));
        }

        results.Count.ShouldBe(count);
        results.ShouldAllBe(r => r.Succeeded);
        results.Select(r => r.Product!.ProductId).Distinct().Count().ShouldBe(count);
        results.Select(r => r.Sku).ShouldBe(Enumerable.Range(0, count).Select(i => ShopifySandboxFixture.Draft(i).Sku));
        shop.ProductCount.ShouldBe(count);
        exported.Count.ShouldBe(count);
        var mismatches = Enumerable.Range(0, count).Select(i => ShopifySandboxFixture.Draft(i))
            .Where(d => exported.GetValueOrDefault(d.Sku) != ShopifySandboxFixture.Canonical(d)).Take(3).Select(d => d.Sku).ToList();
        mismatches.ShouldBeEmpty();
    }

    [Fact]
    public async Task Import_SplitAcrossUploads_MapsEveryResultLineBackToItsSku()
    {
        var (client, _) = fixture.NewShop(uploadLimit: 16 * 1024);
        var drafts = Enumerable.Range(0, 60).Select(i => ShopifySandboxFixture.Draft(i)).ToList();
        drafts[17] = drafts[17] with { Title = string.Empty };
        drafts[45] = drafts[45] with { Price = -5 };

        var results = await client.ImportProductsAsync(drafts.ToAsyncEnumerable()).ToListAsync();

        results.Select(r => r.Sku).ShouldBe(drafts.Select(d => d.Sku));
        results.Count(r => !r.Succeeded).ShouldBe(2);
        results[17].UserErrors.ShouldHaveSingleItem().FieldPath.ShouldBe("input.title");
        results[45].UserErrors.ShouldHaveSingleItem().FieldPath.ShouldBe("input.variants.0.price");
        results.Where(r => r.Succeeded).ShouldAllBe(r => r.Product!.Sku == r.Sku);
    }

    [Fact]
    public async Task JsonlChunks_StayUnderTheLimit_AndKeepEveryLine()
    {
        var chunks = await ShopifyBulkJsonl.WriteChunksAsync(Drafts(500), 50_000).ToListAsync();
        try
        {
            chunks.Count.ShouldBeGreaterThan(1);
            chunks.ShouldAllBe(c => c.Bytes <= 50_000 && new FileInfo(c.Path).Length == c.Bytes);
            chunks.Sum(c => File.ReadLines(c.Path).Count()).ShouldBe(500);
            chunks.SelectMany(c => c.Skus).ShouldBe(Enumerable.Range(0, 500).Select(i => ShopifySandboxFixture.Draft(i).Sku));
        }
        finally
        {
            chunks.ForEach(c => File.Delete(c.Path));
        }
    }

    [Fact]
    public async Task Export_CompletesOnTheFinishWebhook_WithoutWaitingForAPoll()
    {
        // The operation is still running at the first poll, and the next poll is an hour away: only the webhook can finish it.
        var (client, shop) = fixture.NewShop(new ShopifySandboxFaults { BulkDelay = TimeSpan.FromMilliseconds(500) }, pollInterval: TimeSpan.FromHours(1));
        await client.RegisterWebhooksAsync(fixture.WebhookUri, ["BULK_OPERATIONS_FINISH"]);
        await client.SetProductAsync(ShopifySandboxFixture.Draft(1));

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var products = await client.ExportProductsAsync(timeout.Token).ToListAsync(timeout.Token);

        products.ShouldHaveSingleItem().Variants.ShouldHaveSingleItem().Sku.ShouldBe(ShopifySandboxFixture.Draft(1).Sku);
        fixture.EventsFor(shop.Domain).OfType<ShopifyBulkOperationFinished>().ShouldHaveSingleItem().Status.ShouldBe("COMPLETED");
    }

    [Theory]
    [InlineData("2025-10", "OPERATION_IN_PROGRESS")]
    [InlineData("2026-10", null)]
    public async Task ConcurrentBulkQueries_OneAtATimeBefore2026_01_SeveralFrom2026_01(string apiVersion, string? secondError)
    {
        var (client, _) = fixture.NewShop(new ShopifySandboxFaults { BulkDelay = TimeSpan.FromSeconds(2) }, apiVersion: apiVersion);
        await client.SetProductAsync(ShopifySandboxFixture.Draft(1));

        const string run = "mutation bulkOperationRunQuery($query: String!) { bulkOperationRunQuery(query: $query) { bulkOperation { id status } userErrors { field message code } } }";
        var errors = new List<string?>();
        for (var i = 0; i < 2; i++)
        {
            var data = await client.ExecuteAsync("bulkOperationRunQuery", run, w => w.WriteString("query", "{ products { edges { node { id } } } }"));
            var userErrors = data.GetProperty("bulkOperationRunQuery").GetProperty("userErrors");
            errors.Add(userErrors.GetArrayLength() == 0 ? null : userErrors[0].GetProperty("code").GetString());
        }

        errors[0].ShouldBeNull();
        errors[1].ShouldBe(secondError);
    }

    private static async IAsyncEnumerable<ListingDraft> Drafts(int count)
    {
        for (var i = 0; i < count; i++)
        {
            yield return ShopifySandboxFixture.Draft(i);
        }

        await Task.CompletedTask;
    }
}
