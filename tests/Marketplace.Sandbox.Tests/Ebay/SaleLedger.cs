using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Ledger;
using Marketplace.Shared.Catalog.Outbox;
using Marketplace.Shared.Catalog.Products;
using Marketplace.Shared.Marketplaces;
using Marketplace.Shared.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Sandbox.Tests.Ebay;

/// <summary>
/// The catalog's inventory ledger on Azurite (a private table), fed with sale events the way the sale activity feeds it:
/// one SALE change per event, keyed by the event id (platform, order, line).
/// </summary>
public sealed class SaleLedger : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly StorageAccount _account;
    private readonly string _table = "ledger" + Guid.NewGuid().ToString("N")[..12];

    public SaleLedger(StorageAccount account)
    {
        _account = account;
        var services = new ServiceCollection();
        services.AddSingleton(account);
        services.AddSingleton<IOrchestrationStarter, NoStarter>();
        services.AddCatalog(o => o.TableName = _table);
        _services = services.BuildServiceProvider();
    }

    public Task CreateProductAsync(string sku, int quantity) =>
        _services.GetRequiredService<ProductCatalog>().CreateAsync(new Product
        {
            Sku = sku, Title = $"Fender Stratocaster {sku}", Brand = "Fender", Model = "Stratocaster", Year = 1978, BasePrice = 1299m, Currency = "EUR",
            Quantity = quantity, Stocked = quantity > 1, Status = ProductStatus.Active,
        }, CatalogActor.Create("test"));

    public async Task RecordAsync(IEnumerable<SaleEvent> sales)
    {
        foreach (var sale in sales)
        {
            PlatformNames.TryParse(sale.Platform, out var platform);
            await _services.GetRequiredService<InventoryLedger>().AppendAsync(new InventoryChange
            {
                Sku = sale.Sku, Delta = -sale.Quantity, Reason = LedgerReason.Sale, EventId = sale.EventId, Source = platform, OrderId = sale.OrderId,
            });
        }
    }

    public async Task<IReadOnlyList<LedgerEntry>> SalesAsync(string sku) =>
        (await _services.GetRequiredService<InventoryLedger>().ListAsync(sku)).Where(e => e.Reason == LedgerReason.Sale).ToList();

    public async Task<int?> QuantityAsync(string sku) => (await _services.GetRequiredService<ProductCatalog>().GetAsync(sku))?.Quantity;

    public async ValueTask DisposeAsync()
    {
        await _account.CreateTableServiceClient().DeleteTableAsync(_table);
        await _services.DisposeAsync();
    }

    private sealed class NoStarter : IOrchestrationStarter
    {
        public Task<string> ScheduleAsync(string orchestratorName, string instanceId, string inputJson, CancellationToken cancellationToken = default) =>
            Task.FromResult(instanceId);
    }
}
