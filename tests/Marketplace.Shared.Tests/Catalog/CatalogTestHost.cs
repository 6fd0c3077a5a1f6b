using System.Collections.Concurrent;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Audit;
using Marketplace.Shared.Catalog.ChangeSets;
using Marketplace.Shared.Catalog.Csv;
using Marketplace.Shared.Catalog.Ledger;
using Marketplace.Shared.Catalog.Listings;
using Marketplace.Shared.Catalog.Outbox;
using Marketplace.Shared.Catalog.Products;
using Marketplace.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Marketplace.Shared.Tests.Catalog;

/// <summary>The catalog services over a fresh table in the shared Azurite.</summary>
internal sealed class CatalogTestHost : IDisposable
{
    private readonly ServiceProvider _services;

    public CatalogTestHost(AzuriteFixture azurite, Action<CatalogOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton(azurite.Account);
        services.AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(NullLogger<>));
        services.AddSingleton<IOrchestrationStarter>(Starter);
        services.AddCatalog(options =>
        {
            options.TableName = AzuriteFixture.UniqueName("catalog");
            configure?.Invoke(options);
        });
        _services = services.BuildServiceProvider();
    }

    public FakeOrchestrationStarter Starter { get; } = new();

    public ProductCatalog Products => _services.GetRequiredService<ProductCatalog>();

    public InventoryLedger Ledger => _services.GetRequiredService<InventoryLedger>();

    public ChangeSetService ChangeSets => _services.GetRequiredService<ChangeSetService>();

    public ListingStore Listings => _services.GetRequiredService<ListingStore>();

    public AuditLog Audit => _services.GetRequiredService<AuditLog>();

    public OutboxDispatcher Dispatcher => _services.GetRequiredService<OutboxDispatcher>();

    public CatalogCsvImporter Importer => _services.GetRequiredService<CatalogCsvImporter>();

    public CatalogCsvExporter Exporter => _services.GetRequiredService<CatalogCsvExporter>();

    internal CatalogTable Table => _services.GetRequiredService<CatalogTable>();

    public CatalogOptions Options => _services.GetRequiredService<CatalogOptions>();

    public static CatalogActor Actor { get; } = CatalogActor.Create("tester");

    public static Product NewProduct(string? sku = null, int quantity = 1, bool stocked = false) => new()
    {
        Sku = sku ?? "SKU-" + Guid.NewGuid().ToString("N")[..10],
        Title = "Fender Stratocaster 1962",
        DescriptionHtml = "<p>Sunburst, <b>all original</b>.</p>",
        Brand = "Fender",
        Model = "Stratocaster",
        Year = 1962,
        BasePrice = 1234.50m,
        Quantity = quantity,
        Stocked = stocked,
        Status = ProductStatus.Active,
        Category = "guitars/electric",
        Images = [new("images/strat/1.jpg"), new("images/strat/2.jpg")],
        PriceRules = new Dictionary<Platform, PriceRule> { [Platform.Shopify] = new(-5m, 0m, PriceRounding.UpToNextThousandMinusOne) },
    };

    public void Dispose() => _services.Dispose();
}

/// <summary>An idempotent orchestration starter (as the engine is): scheduling an existing instance id returns it.</summary>
internal sealed class FakeOrchestrationStarter : IOrchestrationStarter
{
    private int _calls;

    public ConcurrentDictionary<string, (string Orchestrator, string Input)> Instances { get; } = new();

    public int Calls => _calls;

    /// <summary>When set, the next call schedules the instance and then throws, as if the process died right after.</summary>
    public bool CrashAfterNextSchedule { get; set; }

    public Task<string> ScheduleAsync(string orchestratorName, string instanceId, string inputJson, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _calls);
        Instances.TryAdd(instanceId, (orchestratorName, inputJson));
        if (CrashAfterNextSchedule)
        {
            CrashAfterNextSchedule = false;
            throw new InvalidOperationException("simulated crash after scheduling");
        }

        return Task.FromResult(instanceId);
    }
}
