using Marketplace.Sandbox.Shopify;
using Marketplace.Shared.Marketplaces;
using Marketplace.Shared.Shopify;

namespace Marketplace.Benchmarks.Shopify;

/// <summary>Listings and clients shared by the Shopify scenarios.</summary>
internal static class ShopifyBenchmarkData
{
    public static ListingDraft Draft(int i) => new()
    {
        Sku = $"BENCH-{i:D7}",
        Title = $"Vintage guitar {i}",
        DescriptionHtml = $"<p>Instrument {i}: original finish, hard case, set up and ready to play.</p>",
        Brand = i % 2 == 0 ? "Fender" : "Gibson",
        Model = $"Model {i % 31}",
        Year = 1950 + (i % 70),
        Condition = "Excellent",
        CategoryId = "gid://shopify/TaxonomyCategory/ae-2-8-6",
        Price = 500m + (i % 2000),
        Quantity = 1,
        ImageUrls = [$"https://cdn.example.com/{i}/1.jpg", $"https://cdn.example.com/{i}/2.jpg", $"https://cdn.example.com/{i}/3.jpg"],
        Attributes = new Dictionary<string, string> { ["handedness"] = "right", ["artist_owned"] = "false", ["serial_number"] = $"SN{i:D8}" },
    };

    public static async IAsyncEnumerable<ListingDraft> DraftsAsync(int count)
    {
        for (var i = 0; i < count; i++)
        {
            yield return Draft(i);
        }

        await Task.CompletedTask;
    }

    /// <summary>A fresh shop at Standard limits (1,000 points, 100/s) and a client for it.</summary>
    public static ShopifyClient NewClient(ShopifySandboxServer server, out SandboxShop shop)
    {
        var domain = $"bench{Guid.NewGuid():N}"[..16] + ".myshopify.com";
        (shop, var token) = server.Sandbox.ProvisionShop(domain);
        var options = new ShopifyClientOptions
        {
            ShopDomain = domain,
            AccessToken = token,
            BaseAddress = server.BaseAddress,
            BulkPollInterval = TimeSpan.FromMilliseconds(200),
        };
        return new ShopifyClient(options, pacer: new ShopifyCostPacer());
    }
}
