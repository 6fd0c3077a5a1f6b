using Marketplace.Sandbox.Ebay;
using Marketplace.Shared.Ebay;
using Marketplace.Shared.Marketplaces;
using Xunit;

namespace Marketplace.Sandbox.Tests.Ebay;

/// <summary>Starts a quiet eBay/Reverb sandbox per test class and builds eBay clients against it.</summary>
public abstract class EbaySandboxTestBase : IAsyncLifetime
{
    protected EbayReverbSandboxServer Server { get; private set; } = null!;

    protected EbaySandboxState Sandbox => Server.Ebay;

    public async Task InitializeAsync() => Server = await EbayReverbSandboxServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();

    protected EbayClient CreateClient(Action<EbayClientOptions>? configure = null, CountingHandler? counter = null, IEbayRevisionCounter? revisions = null)
    {
        var options = new EbayClientOptions
        {
            ClientId = Sandbox.Options.ClientId,
            ClientSecret = Sandbox.Options.ClientSecret,
            RefreshToken = Sandbox.Options.RefreshToken,
            ApiBaseUrl = Server.BaseUrl,
            IdentityBaseUrl = Server.BaseUrl,
            AttemptTimeout = TimeSpan.FromSeconds(10),
            RetryBaseDelay = TimeSpan.FromMilliseconds(5),
            AccountDeletionVerificationToken = "a-verification-token-of-at-least-32-characters",
            AccountDeletionEndpoint = "https://shop.example/ebay/account-deletion",
        };
        configure?.Invoke(options);
        var http = counter is null ? new HttpClient() : new HttpClient(counter);
        http.Timeout = Timeout.InfiniteTimeSpan;
        return new EbayClient(http, options, revisionCounter: revisions);
    }

    protected static ListingDraft Draft(string sku, decimal price = 1299m, int quantity = 1) => new()
    {
        Sku = sku,
        Title = $"Fender Stratocaster {sku}",
        DescriptionHtml = "<p>Sunburst, 1978.</p>",
        Brand = "Fender",
        Model = "Stratocaster",
        Year = 1978,
        Price = price,
        Quantity = quantity,
        Condition = "Excellent",
        CategoryId = "33034",
        ShippingProfileId = "fulfilment-1",
        ImageUrls = ["https://img.example/1.jpg", "https://img.example/2.jpg"],
        Attributes = new Dictionary<string, string> { ["Body Color"] = "Sunburst" },
    };
}

/// <summary>Counts requests per path prefix (to prove what was, or was not, sent).</summary>
public sealed class CountingHandler() : DelegatingHandler(new HttpClientHandler())
{
    private int _api;

    public int ApiCalls => _api;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri!.AbsolutePath.StartsWith("/sell/", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _api);
        }

        return base.SendAsync(request, cancellationToken);
    }
}
