using System.Net.Http.Json;
using Marketplace.Shared.Discogs;
using Marketplace.Shared.Marketplaces;
using Shouldly;
using Xunit;

namespace Marketplace.Sandbox.Tests.Discogs;

/// <summary>Discogs as a sales platform against the sandbox: listing by SKU, stock out to Draft and back, end = delete, orders as sales.</summary>
public sealed class DiscogsConnectorTests : DiscogsSandboxTestBase
{
    private static ListingDraft Draft(string sku, int quantity = 1, bool publish = true) => new()
    {
        Sku = sku,
        Title = "Josh Wink - Profound Sounds Vol. 1",
        Price = 18.5m,
        Currency = "GBP",
        Quantity = quantity,
        Condition = "EXCELLENT",
        Attributes = new Dictionary<string, string> { ["discogsReleaseId"] = "3" },
        Publish = publish,
    };

    [Fact]
    public async Task Upsert_CreatesOnce_KeyedBySkuInExternalId()
    {
        var connector = new DiscogsConnector(CreateClient());

        var created = await connector.UpsertListingAsync(Draft("REC-1"));
        var again = await new DiscogsConnector(CreateClient()).UpsertListingAsync(Draft("REC-1") with { Price = 21m });

        again.ExternalId.ShouldBe(created.ExternalId);
        created.Status.ShouldBe("ACTIVE");
        var listing = Sandbox.Inventory("All").ShouldHaveSingleItem();
        listing["external_id"]!.GetValue<string>().ShouldBe("REC-1");
        listing["price"]!["value"]!.GetValue<decimal>().ShouldBe(21m);
        listing["condition"]!.GetValue<string>().ShouldBe("Near Mint (NM or M-)");
    }

    [Fact]
    public async Task StockOut_SetsDraft_StockBack_SetsForSale_End_Deletes()
    {
        var connector = new DiscogsConnector(CreateClient());
        await connector.UpsertListingAsync(Draft("REC-2"));

        await connector.SetQuantityAsync("REC-2", 0);
        (await connector.FindListingAsync("REC-2"))!.Status.ShouldBe("DRAFT");
        await connector.SetQuantityAsync("REC-2", 1);
        (await connector.FindListingAsync("REC-2"))!.Status.ShouldBe("ACTIVE");
        await connector.EndListingAsync("REC-2", "sold elsewhere");
        await connector.EndListingAsync("REC-2", "sold elsewhere");

        (await connector.FindListingAsync("REC-2")).ShouldBeNull();
        Sandbox.Inventory("All").ShouldBeEmpty();
    }

    [Fact]
    public async Task ListingReader_ReportsOurListingsOnly_InCanonicalTerms()
    {
        var connector = new DiscogsConnector(CreateClient());
        await connector.UpsertListingAsync(Draft("REC-5"));
        await connector.UpsertListingAsync(Draft("REC-6"));
        await connector.SetQuantityAsync("REC-6", 0);
        Sandbox.CreateListing(new System.Text.Json.Nodes.JsonObject { ["release_id"] = 2L, ["condition"] = "Good (G)", ["price"] = 5m });
        var reader = new DiscogsListingReader(CreateClient());

        var all = await reader.GetListingsAsync(null).ToListAsync();

        all.Select(l => (l.Sku, l.Status, l.Quantity)).OrderBy(l => l.Sku).ShouldBe([("REC-5", "ACTIVE", (int?)1), ("REC-6", "DRAFT", (int?)0)]);
        (await reader.GetListingAsync("REC-5"))!.Price.ShouldBe(18.5m);
        (await reader.GetListingAsync("REC-404")).ShouldBeNull();
    }

    [Fact]
    public async Task Upsert_WithoutReleaseId_IsRefused()
    {
        var draft = Draft("REC-3") with { Attributes = new Dictionary<string, string>() };

        var ex = await Should.ThrowAsync<DiscogsException>(() => new DiscogsConnector(CreateClient()).UpsertListingAsync(draft));

        ex.IsTransient.ShouldBeFalse();
    }

    [Fact]
    public async Task Order_IsASaleEvent_WithTheSkuOfTheListing()
    {
        var connector = new DiscogsConnector(CreateClient());
        var before = DateTimeOffset.UtcNow.AddMinutes(-1);
        var listing = await connector.UpsertListingAsync(Draft("REC-4"));
        using var http = new HttpClient { BaseAddress = Server.BaseUrl };
        (await http.PostAsync($"_sandbox/discogs/orders/{listing.ExternalId}", null)).EnsureSuccessStatusCode();

        var sales = await new DiscogsConnector(CreateClient()).GetSalesSinceAsync(before).ToListAsync();

        var sale = sales.ShouldHaveSingleItem();
        sale.Sku.ShouldBe("REC-4");
        sale.LineId.ShouldBe(listing.ExternalId);
        sale.UnitPrice.ShouldBe(18.5m);
        sale.Platform.ShouldBe(MarketplacePlatform.Discogs);
        (await connector.FindListingAsync("REC-4"))!.Status.ShouldBe("SOLD");
    }

    [Fact]
    public async Task MergedOrders_SellTheirItemsOnce_UnderTheOrdersThatSoldThemFirst()
    {
        var connector = new DiscogsConnector(CreateClient());
        var before = DateTimeOffset.UtcNow.AddMinutes(-1);
        var first = await connector.UpsertListingAsync(Draft("MRG-1"));
        var second = await connector.UpsertListingAsync(Draft("MRG-2"));
        using var http = new HttpClient { BaseAddress = Server.BaseUrl };
        var a = await SandboxOrderAsync(http, $"_sandbox/discogs/orders/{first.ExternalId}");
        var b = await SandboxOrderAsync(http, $"_sandbox/discogs/orders/{second.ExternalId}");
        var beforeMerge = (await connector.GetSalesSinceAsync(before).ToListAsync()).Select(s => s.EventId).Order().ToList();

        var combined = await SandboxOrderAsync(http, $"_sandbox/discogs/orders/merge?id={a}&id={b}");
        var afterMerge = await new DiscogsConnector(CreateClient()).GetSalesSinceAsync(before).ToListAsync();

        beforeMerge.ShouldBe([$"discogs:{a}:{first.ExternalId}", $"discogs:{b}:{second.ExternalId}"], ignoreOrder: true);
        afterMerge.Select(s => s.EventId).Order().ShouldBe(beforeMerge);
        afterMerge.ShouldAllBe(s => s.CommittedQuantity == 1 && s.OrderId != combined);
    }

    [Fact]
    public async Task AMergedOrderCancelled_AndItsRecordSoldAgain_TheNewOrderIsANewSale_NotTheOldOne()
    {
        var connector = new DiscogsConnector(CreateClient());
        var before = DateTimeOffset.UtcNow.AddMinutes(-1);
        var record = await connector.UpsertListingAsync(Draft("MRG-3"));
        var other = await connector.UpsertListingAsync(Draft("MRG-4"));
        using var http = new HttpClient { BaseAddress = Server.BaseUrl };
        var a = await SandboxOrderAsync(http, $"_sandbox/discogs/orders/{record.ExternalId}");
        var b = await SandboxOrderAsync(http, $"_sandbox/discogs/orders/{other.ExternalId}");
        var combined = await SandboxOrderAsync(http, $"_sandbox/discogs/orders/merge?id={a}&id={b}");
        using (var request = new HttpRequestMessage(HttpMethod.Post, $"marketplace/orders/{combined}") { Content = JsonContent.Create(new { status = "Cancelled (Per Buyer's Request)" }) })
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Discogs", "token=" + Sandbox.Options.Token);
            request.Headers.UserAgent.ParseAdd("MarketplaceTests/1.0");
            (await http.SendAsync(request)).EnsureSuccessStatusCode(); // the buyer cancels; Discogs puts both records back on sale
        }

        var again = await SandboxOrderAsync(http, $"_sandbox/discogs/orders/{record.ExternalId}");
        var sales = await new DiscogsConnector(CreateClient()).GetSalesSinceAsync(before).ToListAsync();

        sales.Select(s => (s.EventId, s.CommittedQuantity)).OrderBy(s => s.EventId, StringComparer.Ordinal).ShouldBe(new[]
        {
            ($"discogs:{a}:{record.ExternalId}", 0), ($"discogs:{b}:{other.ExternalId}", 0), ($"discogs:{again}:{record.ExternalId}", 1),
        }.OrderBy(s => s.Item1, StringComparer.Ordinal));
    }

    /// <summary>A sandbox order control call (a buyer's order, or a merge); returns the new order's id.</summary>
    private static async Task<string> SandboxOrderAsync(HttpClient http, string path)
    {
        using var response = await http.PostAsync(path, null);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>())!["id"]!.GetValue<string>();
    }
}
