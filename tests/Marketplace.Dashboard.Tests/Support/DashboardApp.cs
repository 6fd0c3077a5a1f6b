extern alias sandbox;

using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Listings;
using Marketplace.Shared.Catalog.Products;
using Marketplace.Shared.Marketplaces;
using Marketplace.TestSupport;
using Marketplace.TestSupport.Photos;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit;
using DiscogsSandboxServer = sandbox::Marketplace.Sandbox.Discogs.DiscogsSandboxServer;
using SandboxProgram = sandbox::Marketplace.Sandbox.SandboxProgram;

namespace Marketplace.Dashboard.Tests.Support;

/// <summary>
/// Everything the dashboard tests drive, started once per test collection: Azurite, the marketplace sandboxes, the functions
/// app (standalone, sync worker on) listening on a real loopback port, and Debian's chromium through Playwright.
/// </summary>
public sealed class DashboardApp : IAsyncLifetime
{
    public const string AdminKey = "dashboard-test-admin-key-0123456789abcdef";

    public const string ShopDomain = "dashboard-shop.myshopify.com";

    private WebApplication? _sandbox;
    private DiscogsSandboxServer? _discogs;
    private AppFactory? _app;
    private IPlaywright? _playwright;

    public Uri BaseUrl { get; private set; } = null!;

    public Uri SandboxUrl { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public IServiceProvider Services => _app!.Services;

    /// <summary>The marketplace sandboxes' services (their state, to inject faults).</summary>
    public IServiceProvider SandboxServices => _sandbox!.Services;

    /// <summary>Screenshots go to the test output folder, kept as artifacts of the run.</summary>
    public static string ArtifactFolder { get; } = Path.Combine(AppContext.BaseDirectory, "artifacts", "screenshots");

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    public async Task InitializeAsync()
    {
        var azurite = await AzuriteInstance.SharedAsync();
        _sandbox = SandboxProgram.Build(["--Sandbox:Urls=http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning", "--Sandbox:Ebay:DailyCallLimit=100000"]);
        await _sandbox.StartAsync();
        SandboxUrl = new Uri(_sandbox.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/");

        _discogs = await DiscogsSandboxServer.StartAsync(o => o.RateLimit = 600);
        for (var i = 0; i < 12; i++)
        {
            _discogs.State.AddRelease(SyntheticReleases.Create(i));
        }

        var settings = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["Admin:Keys"] = AdminKey,
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Azure.Core"] = "Error",
            ["Standalone:StateContainer"] = AzuriteFixture.UniqueName("state"),
            ["Standalone:Queues:MaxPollingInterval"] = "00:00:00.200",
            ["Standalone:Queues:VisibilityTimeout"] = "00:00:10",
            ["Standalone:Blobs:PollingInterval"] = "00:00:00.500",
            ["Standalone:DrainTimeout"] = "00:00:05",
            ["Webhooks:Queue"] = AzuriteFixture.UniqueName("hooks"),
            ["Webhooks:Container"] = AzuriteFixture.UniqueName("hooks"),
            ["Webhooks:DeadLetterContainer"] = AzuriteFixture.UniqueName("dead"),
            ["Photos:Container"] = AzuriteFixture.UniqueName("photos"),
            ["Photos:TableName"] = AzuriteFixture.UniqueName("photobatches"),
            ["Photos:SettleDelay"] = "00:00:02",
            ["Discogs:Token"] = _discogs.State.Options.Token,
            ["Discogs:ApiBaseUrl"] = _discogs.BaseUrl.ToString(),
            ["Discogs:UserAgent"] = "MarketplaceTests/1.0 +https://example.test",
            ["Discogs:RateLimit"] = "600",
            ["Sync:TaskHub"] = AzuriteFixture.UniqueName("dash"),
            ["Sync:WorkerEnabled"] = "true",
            ["Reconciliation:Schedule"] = "0 0 0 1 1 *",
            ["Ebay:ClientId"] = "sandbox-client-id",
            ["Ebay:ClientSecret"] = "sandbox-client-secret",
            ["Ebay:RefreshToken"] = "sandbox-refresh-token",
            ["Ebay:ApiBaseUrl"] = SandboxUrl.ToString(),
            ["Ebay:IdentityBaseUrl"] = SandboxUrl.ToString(),
            ["Ebay:MerchantLocationKey"] = "demo-warehouse",
            ["Reverb:AccessToken"] = "sandbox-reverb-token",
            ["Reverb:ApiBaseUrl"] = SandboxUrl.ToString(),
            ["Reverb:WebhookSecret"] = "dashboard-test-reverb-path-secret-0123456789",
            ["Shopify:ShopDomain"] = ShopDomain,
            ["Shopify:BaseAddress"] = new Uri(SandboxUrl, $"shops/{ShopDomain}/").ToString(),
            ["Shopify:WebhookSecret"] = "sandbox-client-secret",
            ["shopify:dashboard-shop-myshopify-com:access-token"] = await ShopifyTokenAsync(),
        };
        _app = new AppFactory(settings);
        _app.UseKestrel(0);
        _app.StartServer();
        BaseUrl = _app.ClientOptions.BaseAddress;

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        if (_sandbox is not null)
        {
            await _sandbox.StopAsync();
            await _sandbox.DisposeAsync();
        }

        if (_discogs is not null)
        {
            await _discogs.DisposeAsync();
        }
    }

    /// <summary>A new browser page of <paramref name="width"/> CSS pixels, signed in with the admin key through the login form.</summary>
    public async Task<IPage> SignedInPageAsync(int width = 1280, int height = 900)
    {
        var page = await Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = width, Height = height }, BaseURL = BaseUrl.ToString() });
        await page.GotoAsync("/api/dashboard");
        await page.GetByLabel("Admin key").FillAsync(AdminKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.Locator("[data-page=overview][data-loaded=true]").WaitForAsync();
        return page;
    }

    public static async Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ArtifactFolder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ArtifactFolder, name + ".png"), FullPage = true });
    }

    /// <summary>A new ACTIVE product with a unique SKU.</summary>
    public async Task<Product> CreateProductAsync(string prefix, int quantity = 1, string? title = null, IReadOnlyDictionary<Platform, string>? shippingProfiles = null)
    {
        var sku = $"{prefix}-{Guid.NewGuid().ToString("N")[..8].ToUpperInvariant()}";
        return await Get<ProductCatalog>().CreateAsync(new Product
        {
            Sku = sku, Title = title ?? $"Gibson Les Paul {sku}", Brand = "Gibson", Model = "Les Paul", Year = 1959, BasePrice = 2499m, Currency = "EUR",
            Quantity = quantity, Status = ProductStatus.Active, Category = "guitars/electric",
            PlatformCategories = new Dictionary<Platform, string> { [Platform.Ebay] = "33034", [Platform.Reverb] = "dfd39027-d134-4353-b9e4-57dc6be791b9" },
            ShippingProfiles = shippingProfiles ?? new Dictionary<Platform, string>(),
        }, CatalogActor.Create("test"));
    }

    /// <summary>
    /// Lists <paramref name="product"/> live on Reverb (through the app's own connector, under no shipping profile), records
    /// the listing at the product's version and returns its reference.
    /// </summary>
    public async Task<ListingReference> ListOnReverbAsync(Product product)
    {
        var connector = Services.GetServices<IMarketplaceConnector>().Single(c => c.Platform == MarketplacePlatform.Reverb);
        var reference = await connector.UpsertListingAsync(new ListingDraft
        {
            Sku = product.Sku, Title = product.Title, Brand = product.Brand, Model = product.Model, Year = product.Year, Price = product.BasePrice,
            Quantity = product.Quantity, Condition = "Excellent", CategoryId = "33034", ShippingProfileId = "fulfilment-1", ImageUrls = ["https://img.example/1.jpg"],
        });
        await Get<ListingStore>().RecordAttemptAsync(new ListingAttemptReport
        {
            Sku = product.Sku, Platform = Platform.Reverb, Operation = "create", Succeeded = true, ExternalId = reference.ExternalId, RemoteStatus = "ACTIVE",
            // At the product's version: the push the product's creation queued (the outbox) then leaves this listing as it is.
            Version = product.Version,
        }, CatalogActor.Create("test"));
        return reference;
    }

    /// <summary>A Shopify access token for <see cref="ShopDomain"/> through the sandbox's OAuth endpoints, as scripts/run.sh gets it.</summary>
    private async Task<string> ShopifyTokenAsync()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = SandboxUrl };
        using var authorize = await http.GetAsync($"admin/oauth/authorize?client_id=sandbox-client-id&shop={ShopDomain}&scope=write_products&redirect_uri=http://127.0.0.1/callback&state=test");
        var code = System.Web.HttpUtility.ParseQueryString(authorize.Headers.Location!.Query)["code"];
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = "sandbox-client-id", ["client_secret"] = "sandbox-client-secret", ["code"] = code!,
        });
        using var exchange = await http.PostAsync("admin/oauth/access_token", form);
        exchange.EnsureSuccessStatusCode();
        return JsonNode.Parse(await exchange.Content.ReadAsStringAsync())!["access_token"]!.GetValue<string>();
    }

    /// <summary>A sale on the Reverb sandbox (its control endpoint); returns the order number.</summary>
    public async Task<string> SellOnReverbAsync(string sku)
    {
        using var http = new HttpClient { BaseAddress = SandboxUrl };
        using var response = await http.PostAsJsonAsync("_sandbox/reverb/orders", new { sku, quantity = 1 });
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["order_number"]!.ToString();
    }

    private sealed class AppFactory(IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        }
    }
}

[CollectionDefinition(Name)]
public sealed class DashboardCollection : ICollectionFixture<DashboardApp>
{
    public const string Name = "dashboard";
}
