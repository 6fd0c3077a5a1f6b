using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Audit;
using Marketplace.Shared.Catalog.Products;
using Marketplace.Shared.Catalog.Unmatched;
using Marketplace.Shared.Marketplaces;
using Microsoft.DurableTask.Client;

namespace Marketplace.Orchestrations.Sync.Sales;

/// <summary>
/// Sales of SKUs the catalog did not know (kept by <see cref="ApplySaleActivity"/> in <see cref="UnmatchedSaleStore"/>).
/// When the SKU is created or imported (its first push is dispatched), or an operator resolves a sale to another SKU,
/// the sale runs again as <c>sale:{event id}:matched</c>: started once, and the ledger applies the line once whatever
/// runs it. An operator can also dismiss a sale. Each step is audited.
/// </summary>
public sealed class UnmatchedSales(UnmatchedSaleStore store, ProductCatalog catalog, DurableTaskClient client, AuditLog audit)
{
    /// <summary>The instance that applies a once-unmatched sale.</summary>
    public static string InstanceIdFor(SaleEvent sale)
    {
        ArgumentNullException.ThrowIfNull(sale);
        return SaleStarter.InstanceIdFor(sale.EventId + ":matched");
    }

    /// <summary>Applies the open sales of <paramref name="sku"/> if the SKU exists now; returns how many were started.</summary>
    public async Task<int> ApplyForSkuAsync(string sku, CancellationToken cancellationToken = default)
    {
        var started = 0;
        var open = new List<UnmatchedSale>();
        await foreach (var sale in store.ListAsync(UnmatchedSaleStatus.Open, sku, cancellationToken))
        {
            open.Add(sale);
        }

        if (open.Count == 0 || await catalog.GetAsync(sku, cancellationToken) is null)
        {
            return 0;
        }

        foreach (var sale in open)
        {
            started += await StartAsync(sale.Sale, UnmatchedSaleStatus.Applied, CatalogActor.Create("sync:unmatched", InstanceIdFor(sale.Sale)), "SKU created", cancellationToken) ? 1 : 0;
        }

        return started;
    }

    /// <summary>Applies an open sale to <paramref name="sku"/> instead of the SKU it named; null when no such open sale.</summary>
    /// <exception cref="CatalogNotFoundException"><paramref name="sku"/> is not in the catalog.</exception>
    public async Task<UnmatchedSale?> ResolveAsync(string eventId, string sku, CatalogActor actor, CancellationToken cancellationToken = default)
    {
        if (await store.GetAsync(eventId, cancellationToken) is not { Status: UnmatchedSaleStatus.Open } open)
        {
            return null;
        }

        var product = await catalog.GetAsync(sku, cancellationToken) ?? throw new CatalogNotFoundException($"No product with SKU '{sku}'.", "sku");
        var sale = open.Sale with { Sku = product.Sku };
        return await StartAsync(sale, UnmatchedSaleStatus.Resolved, actor, $"resolved from '{open.Sale.Sku}'", cancellationToken)
            ? open with { Status = UnmatchedSaleStatus.Resolved, AppliedTo = product.Sku }
            : null;
    }

    /// <summary>Closes an open sale without a stock change; false when no such open sale.</summary>
    public async Task<bool> DismissAsync(string eventId, CatalogActor actor, string? note, CancellationToken cancellationToken = default)
    {
        if (await store.GetAsync(eventId, cancellationToken) is not { Status: UnmatchedSaleStatus.Open } open
            || !await store.CloseAsync(eventId, UnmatchedSaleStatus.Dismissed, null, note, cancellationToken))
        {
            return false;
        }

        await audit.RecordAsync(open.Sale.Sku, actor, "sale.unmatched.dismissed", AuditOutcome.Success, Source(open.Sale), $"event {eventId}: {note ?? "no reason given"}", cancellationToken);
        return true;
    }

    private async Task<bool> StartAsync(SaleEvent sale, UnmatchedSaleStatus status, CatalogActor actor, string why, CancellationToken cancellationToken)
    {
        // Started before it is closed: a crash in between leaves it OPEN, and starting it again is a no-op.
        await client.StartOnceAsync(nameof(SaleOrchestrator), sale, InstanceIdFor(sale), cancellationToken);
        if (!await store.CloseAsync(sale.EventId, status, sale.Sku, why, cancellationToken))
        {
            return false;
        }

        await audit.RecordAsync(sale.Sku, actor, "sale.unmatched." + status.ToString().ToLowerInvariant(), AuditOutcome.Success, Source(sale),
            $"event {sale.EventId} ({why}): applied as {InstanceIdFor(sale)}", cancellationToken);
        return true;
    }

    private static Platform? Source(SaleEvent sale) => PlatformNames.TryParse(sale.Platform, out var platform) ? platform : null;
}
