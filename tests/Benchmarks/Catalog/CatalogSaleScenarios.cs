using System.Diagnostics;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Ledger;
using Marketplace.Shared.Catalog.Products;

namespace Marketplace.Benchmarks.Catalog;

/// <summary>
/// Concurrent ledger sales (16 in flight) against Azurite: each sale is a product read plus one entity group
/// transaction (ledger entry, product row under ETag, outbox entry, audit record), retried on a lost ETag race.
/// <c>sales_per_s</c> = sales / wall time. Same SKU: every sale contends for one product row. Distinct SKUs: 64 products.
/// </summary>
internal abstract class CatalogSaleScenario(string name, int sales, int skus) : IBenchmarkScenario
{
    private const int Concurrency = 16;

    public string Name { get; } = name;

    public async Task RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        var azurite = await context.AzuriteAsync();
        await using var bench = new CatalogBench(azurite.Account);
        var products = bench.Get<ProductCatalog>();
        var ledger = bench.Get<InventoryLedger>();
        var skuList = new List<string>();
        for (var i = 0; i < skus; i++)
        {
            var product = await products.CreateAsync(new Product
            {
                Sku = $"BENCH-{i:D4}",
                Title = "Benchmark pedal",
                BasePrice = 99m,
                Quantity = 1_000_000,
                Stocked = true,
                Status = ProductStatus.Active,
            }, CatalogActor.System, cancellationToken);
            skuList.Add(product.Sku);
        }

        await SellAsync(ledger, skuList, 50, "warm", cancellationToken);
        var started = Stopwatch.GetTimestamp();
        await SellAsync(ledger, skuList, sales, "run", cancellationToken);
        context.Report(Name, "sales_per_s", sales / Stopwatch.GetElapsedTime(started).TotalSeconds, "sales/s");
    }

    private static Task SellAsync(InventoryLedger ledger, List<string> skus, int count, string prefix, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                var result = await ledger.AppendAsync(new InventoryChange
                {
                    Sku = skus[i % skus.Count],
                    Delta = -1,
                    Reason = LedgerReason.Sale,
                    EventId = $"{prefix}-{i}",
                    Source = Platform.Ebay,
                    OrderId = $"order-{prefix}-{i}",
                }, ct);
                if (result.Outcome != LedgerOutcome.Applied)
                {
                    throw new InvalidOperationException($"Sale {i} was {result.Outcome}.");
                }
            });
}

/// <summary><c>catalog.sale.same_sku</c>: 400 concurrent sales of one SKU.</summary>
internal sealed class CatalogSaleSameSkuScenario() : CatalogSaleScenario("catalog.sale.same_sku", 400, 1);

/// <summary><c>catalog.sale.distinct_skus</c>: 2,000 concurrent sales spread over 64 SKUs.</summary>
internal sealed class CatalogSaleDistinctSkusScenario() : CatalogSaleScenario("catalog.sale.distinct_skus", 2_000, 64);
