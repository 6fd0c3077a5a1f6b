using System.Diagnostics;
using Azure.Data.Tables;

namespace Marketplace.Benchmarks.Storage;

/// <summary>
/// <c>storage.table.upsert</c>: 2,000 single-entity merge upserts (16 writers in parallel, 40 partitions,
/// a handful of typed properties each) against Azurite through the Azure SDK's <c>TableClient</c>; reports <c>ops_per_s</c>.
/// </summary>
internal sealed class TableUpsertScenario : IBenchmarkScenario
{
    private const int Operations = 2000;
    private const int Concurrency = 16;

    public string Name => "storage.table.upsert";

    public async Task RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        var azurite = await context.AzuriteAsync();
        var table = azurite.Account.CreateTableServiceClient().GetTableClient("bench" + Guid.NewGuid().ToString("N")[..12]);
        await table.CreateIfNotExistsAsync(cancellationToken);
        try
        {
            // Warm up connections and the JIT outside the measurement.
            await UpsertAsync(table, 0, 50, cancellationToken);

            var started = Stopwatch.GetTimestamp();
            await UpsertAsync(table, 50, Operations, cancellationToken);
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;

            context.Report(Name, "ops_per_s", Operations / seconds, "ops/s");
        }
        finally
        {
            await table.DeleteAsync(CancellationToken.None);
        }
    }

    private static Task UpsertAsync(TableClient table, int first, int count, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(
            Enumerable.Range(first, count),
            new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken },
            async (i, token) =>
            {
                var entity = new TableEntity($"p{i % 40:D2}", $"r{i:D6}")
                {
                    ["Sku"] = $"SKU-{i}",
                    ["Quantity"] = i % 17,
                    ["Version"] = (long)i,
                    ["Price"] = i * 0.25,
                    ["UpdatedAt"] = DateTimeOffset.UnixEpoch.AddSeconds(i),
                };
                await table.UpsertEntityAsync(entity, TableUpdateMode.Merge, token);
            });
}
