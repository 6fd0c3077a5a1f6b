using Marketplace.Sandbox.Ebay;
using Marketplace.Sandbox.Reverb;
using Marketplace.Shared.Marketplaces;
using Marketplace.Shared.Reverb;
using Xunit;

namespace Marketplace.Sandbox.Tests.Reverb;

/// <summary>Starts a quiet eBay/Reverb sandbox per test class and builds Reverb clients against it.</summary>
public abstract class ReverbSandboxTestBase : IAsyncLifetime
{
    protected const string WebhookSecret = "k3J9vQ2mX8pL5nR7tY1wZ4bC6dF0gH2j";

    protected EbayReverbSandboxServer Server { get; private set; } = null!;

    protected ReverbSandboxState Sandbox => Server.Reverb;

    public async Task InitializeAsync() => Server = await EbayReverbSandboxServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();

    protected ReverbClient CreateClient(Action<ReverbClientOptions>? configure = null)
    {
        var options = new ReverbClientOptions
        {
            AccessToken = Sandbox.Options.AccessToken,
            ApiBaseUrl = Server.BaseUrl,
            AttemptTimeout = TimeSpan.FromSeconds(10),
            RetryBaseDelay = TimeSpan.FromMilliseconds(5),
            WebhookSecret = WebhookSecret,
        };
        configure?.Invoke(options);
        return new ReverbClient(new HttpClient { Timeout = Timeout.InfiniteTimeSpan }, options);
    }

    protected static ListingDraft Draft(string sku, decimal price = 1450m, int quantity = 1, string? title = null) => new()
    {
        Sku = sku,
        Title = title ?? $"Gibson Les Paul {sku}",
        DescriptionHtml = "<p>Goldtop, 1976.</p>",
        Brand = "Gibson",
        Model = "Les Paul Deluxe",
        Year = 1976,
        Price = price,
        Quantity = quantity,
        Condition = "Very Good",
        CategoryId = "dfd39027-d134-4353-b9e4-57dc6be791b9",
        ShippingProfileId = "4242",
        ImageUrls = ["https://img.example/lp-1.jpg"],
    };
}
