using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Marketplace.Sandbox.VintageAndRare;
using Marketplace.Shared.Marketplaces;
using Marketplace.Shared.Secrets;
using Marketplace.Shared.Storage;
using Marketplace.Shared.VintageAndRare;
using Marketplace.TestSupport;
using Xunit;

namespace Marketplace.Shared.Tests.VintageAndRare;

/// <summary>A Vintage &amp; Rare sandbox site, Azurite and real Chromium per test; photos served from a public blob container.</summary>
public abstract class VintageAndRareTestBase : IAsyncLifetime
{
    // A valid 1x1 PNG.
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
    private readonly List<VintageAndRareBrowser> _browsers = [];
    private readonly HttpClient _http = new();

    protected ManualTime Time { get; } = new(DateTimeOffset.Parse("2026-01-05T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    protected VintageAndRareSandboxServer Site { get; private set; } = null!;

    protected BlobServiceClient Blobs { get; private set; } = null!;

    protected string Container { get; } = AzuriteFixture.UniqueName("vr");

    protected InMemorySecretStore Secrets { get; } = new();

    public async Task InitializeAsync()
    {
        Site = await VintageAndRareSandboxServer.StartAsync(Time);
        Blobs = (await AzuriteInstance.SharedAsync()).Account.CreateBlobServiceClient();
        await Secrets.SetSecretAsync("vintageandrare--dealer--username", Site.State.Options.Username);
        await Secrets.SetSecretAsync("vintageandrare--dealer--password", Site.State.Options.Password);
    }

    public async Task DisposeAsync()
    {
        foreach (var browser in _browsers)
        {
            await browser.DisposeAsync();
        }

        _http.Dispose();
        await Site.DisposeAsync();
    }

    /// <summary>A connector with its own browser (a new worker process, as far as the site can tell).</summary>
    protected VintageAndRareConnector CreateConnector(TimeSpan? pageTimeout = null, TimeSpan? leaseWait = null)
    {
        var options = new VintageAndRareOptions
        {
            BaseUrl = Site.SiteUrl, Account = "dealer", Container = Container, PageTimeout = pageTimeout ?? TimeSpan.FromSeconds(20),
            LeaseWait = leaseWait ?? TimeSpan.FromMinutes(2), LeaseRetryInterval = TimeSpan.FromMilliseconds(200),
        };
        var browser = new VintageAndRareBrowser(options, Blobs, Secrets);
        _browsers.Add(browser);
        return new VintageAndRareConnector(browser, _http);
    }

    /// <summary>Kills a connector's browser, as a crashed worker would.</summary>
    protected async Task KillAsync()
    {
        foreach (var browser in _browsers)
        {
            await browser.DisposeAsync();
        }

        _browsers.Clear();
    }

    protected async Task<IReadOnlyList<string>> UploadPhotosAsync(int count)
    {
        var container = Blobs.GetBlobContainerClient(AzuriteFixture.UniqueName("vrphotos"));
        await container.CreateIfNotExistsAsync(PublicAccessType.Blob);
        var urls = new List<string>();
        for (var i = 1; i <= count; i++)
        {
            var blob = container.GetBlobClient($"photo-{i}.png");
            await blob.UploadAsync(BinaryData.FromBytes(Png), new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "image/png" } });
            urls.Add(blob.Uri.ToString());
        }

        return urls;
    }

    protected static ListingDraft Draft(string sku, IReadOnlyList<string> photos, string category = "electric-guitars-left-handed") => new()
    {
        Sku = sku,
        Title = $"Fender Stratocaster LH {sku}",
        DescriptionHtml = "Left-handed, 1972, original case.",
        Brand = "Fender",
        Model = "Stratocaster",
        Year = 1972,
        Price = 4250m,
        Currency = "GBP",
        Quantity = 1,
        Condition = "Very Good",
        CategoryId = category,
        ShippingProfileId = "worldwide-insured",
        ImageUrls = photos,
    };

    protected sealed class ManualTime(DateTimeOffset now) : TimeProvider
    {
        private DateTimeOffset _now = now;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
