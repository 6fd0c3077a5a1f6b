using Marketplace.Orchestrations.Sync;
using Marketplace.Orchestrations.Sync.Products;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Csv;
using Marketplace.Shared.Catalog.Listings;
using Marketplace.Shared.Catalog.Products;
using Marketplace.Shared.Shopify;

namespace Marketplace.Functions.Demo;

/// <summary>What one seeding run did: catalog rows created/updated/unchanged, listings published, re-listed or already there.</summary>
internal sealed record DemoSeedResult(int Created, int Updated, int Unchanged, int Published, int Relisted, int AlreadyListed);

/// <summary>
/// Seeds the demo data of a folder (<c>catalog.csv</c> in the catalog CSV format, <c>listings.csv</c> with
/// <c>sku,platforms</c>, platforms separated by <c>|</c>) idempotently: the import leaves unchanged rows alone, and a
/// listing is published only when the catalog has no listing for that platform yet (the publish workflow then lists
/// it). The sandboxes keep their state in memory, so a listing the catalog recorded as pushed but the platform no
/// longer has (the sandbox restarted) is listed there again directly. Platforms without a connector are skipped.
/// </summary>
internal sealed partial class DemoSeeder(
    CatalogCsvImporter importer,
    ProductCatalog catalog,
    ListingStore listings,
    CategoryMap categories,
    SyncConnectors connectors,
    ProductPublisher publisher,
    ILogger<DemoSeeder> logger)
{
    public const string CatalogFile = "catalog.csv";
    public const string ListingsFile = "listings.csv";

    private static readonly CatalogActor Actor = CatalogActor.Create("demo-seed");

    public async Task<DemoSeedResult> SeedAsync(string folder, CancellationToken cancellationToken = default)
    {
        var csv = Path.Combine(folder, CatalogFile);
        var import = await importer.ImportAsync(_ => Task.FromResult<Stream>(File.OpenRead(csv)), applyValidRows: false, Actor, cancellationToken);
        if (!import.Validation.IsValid)
        {
            var first = import.Validation.Errors.FirstOrDefault();
            throw new InvalidOperationException($"Demo file '{csv}' is invalid ({import.Validation.ErrorCount} errors; first: line {first?.Line}, column {first?.Column}: {first?.Message}).");
        }

        int published = 0, relisted = 0, present = 0;
        foreach (var (sku, platforms) in await ReadListingsAsync(Path.Combine(folder, ListingsFile), cancellationToken))
        {
            var unpublished = new List<Platform>();
            foreach (var platform in platforms.Where(p => connectors.TryGet(p, out _)))
            {
                var listing = await listings.GetAsync(sku, platform, cancellationToken);
                if (listing is null)
                {
                    unpublished.Add(platform);
                }
                else if (listing.LastPushedVersion is not null && listing.Status is not (ListingStatus.Sold or ListingStatus.Ended)
                    && (await catalog.GetAsync(sku, cancellationToken))?.Status == ProductStatus.Active
                    && await connectors.Get(platform).FindListingAsync(sku, cancellationToken) is null)
                {
                    await RelistAsync(sku, platform, cancellationToken);
                    relisted++;
                }
                else
                {
                    present++;
                }
            }

            if (unpublished.Count > 0)
            {
                await publisher.PublishAsync(sku, unpublished, Actor, cancellationToken);
                published += unpublished.Count;
            }
        }

        foreach (var skipped in import.Skipped)
        {
            LogKept(skipped.Sku, skipped.Reason);
        }

        var result = new DemoSeedResult(import.Created, import.Updated, import.Unchanged, published, relisted, present);
        LogSeeded(folder, result.Created, result.Updated, result.Unchanged, result.Published, result.Relisted, result.AlreadyListed);
        return result;
    }

    private async Task RelistAsync(string sku, Platform platform, CancellationToken cancellationToken)
    {
        var product = await catalog.GetAsync(sku, cancellationToken) ?? throw new InvalidOperationException($"Demo SKU '{sku}' is not in the catalog.");
        var draft = ListingDraftMapper.ToDraft(product, platform, categories, image => image.Blob);
        var reference = await connectors.Get(platform).UpsertListingAsync(draft, cancellationToken);
        await listings.RecordAttemptAsync(new ListingAttemptReport
        {
            Sku = sku, Platform = platform, Operation = "demo-relist", Succeeded = true, Version = product.Version,
            ExternalId = reference.ExternalId, Url = reference.Url?.ToString(), RemoteStatus = reference.Status, Shops = reference.Shops,
        }, Actor, cancellationToken);
    }

    private static async Task<List<(string Sku, IReadOnlyList<Platform> Platforms)>> ReadListingsAsync(string path, CancellationToken cancellationToken)
    {
        var rows = new List<(string, IReadOnlyList<Platform>)>();
        var lines = await File.ReadAllLinesAsync(path, cancellationToken);
        foreach (var (line, number) in lines.Select((l, i) => (l.Trim(), i + 1)).Skip(1).Where(l => l.Item1.Length > 0))
        {
            var parts = line.Split(',', 2);
            var platforms = parts.Length < 2 ? [] : parts[1].Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(name => PlatformNames.TryParse(name, out var platform)
                    ? platform
                    : throw new InvalidOperationException($"{path} line {number}: '{name}' is not one of {PlatformNames.Expected}."))
                .ToList();
            rows.Add((parts[0].Trim(), platforms));
        }

        return rows;
    }

    [LoggerMessage(2, LogLevel.Information, "Demo data: {Sku} not reset: {Reason}")]
    private partial void LogKept(string sku, string reason);

    [LoggerMessage(1, LogLevel.Information, "Demo data from {Folder}: {Created} created, {Updated} updated, {Unchanged} unchanged; listings {Published} published, {Relisted} re-listed, {AlreadyListed} already listed")]
    private partial void LogSeeded(string folder, int created, int updated, int unchanged, int published, int relisted, int alreadyListed);
}

/// <summary>
/// Seeds the demo data once at start-up when <c>Demo:SeedFolder</c> is set (the README's run command sets it); a failure
/// stops the app. With <c>Demo:AwaitShopifyConnect</c> true (the run command connects the demo shop through the app's
/// own OAuth flow once the app answers) it first waits until the Shopify client can call the shop, so the demo listings
/// go to a connected shop whose webhooks reach the app.
/// </summary>
internal sealed partial class DemoSeedService(DemoSeeder seeder, IConfiguration configuration, IServiceProvider services, TimeProvider time, ILogger<DemoSeedService> logger)
    : BackgroundService
{
    public const string Setting = "Demo:SeedFolder";
    public const string AwaitConnectSetting = "Demo:AwaitShopifyConnect";
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromMinutes(3);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (configuration[Setting] is not { Length: > 0 } folder)
        {
            return;
        }

        if (configuration.GetValue<bool>(AwaitConnectSetting) && services.GetService<ShopifyClient>() is { } shopify)
        {
            await AwaitConnectedAsync(shopify, stoppingToken);
        }

        await seeder.SeedAsync(folder, stoppingToken);
    }

    private async Task AwaitConnectedAsync(ShopifyClient shopify, CancellationToken stoppingToken)
    {
        var deadline = time.GetUtcNow() + ConnectTimeout;
        LogAwaiting(shopify.Options.ShopDomain);
        while (true)
        {
            try
            {
                await shopify.GetLocationIdAsync(stoppingToken);
                return;
            }
            catch (ShopifyException) when (time.GetUtcNow() < deadline)
            {
                // Not connected yet (no token, or one the restarted sandbox no longer knows): the run command connects it.
                await Task.Delay(TimeSpan.FromSeconds(1), time, stoppingToken);
            }
        }
    }

    [LoggerMessage(3, LogLevel.Information, "Demo data waits for the Shopify shop {Shop} to be connected")]
    private partial void LogAwaiting(string shop);
}
