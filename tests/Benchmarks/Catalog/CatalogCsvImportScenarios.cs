using System.Diagnostics;
using System.Globalization;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Csv;
using Marketplace.TestSupport;

namespace Marketplace.Benchmarks.Catalog;

/// <summary>
/// CSV import of a generated file (written to a temp file first) into an empty catalog: validation pass plus
/// apply pass (groups of up to 16 products of one partition per transaction, 16 groups in flight).
/// <c>rows_per_s</c> = rows / wall time of the whole import; <c>peak_working_set_mib</c> = this process's peak
/// working set during the import (the file is streamed, so it should not grow with the file: 100k within 1.5x
/// of 10k). Runs against its own in-memory Azurite: with file persistence Azurite serializes its whole database
/// to JSON every 5 seconds on its single thread, which at 100k products (half a million rows) stalls it for
/// seconds at a time and measures Azurite's persistence rather than the import.
/// </summary>
internal abstract class CatalogCsvImportScenario(string name, int rows) : IBenchmarkScenario
{
    public string Name { get; } = name;

    public async Task RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        await using var azurite = await AzuriteInstance.StartAsync(inMemory: true, cancellationToken);
        var path = Path.Combine(Path.GetTempPath(), $"catalog-bench-{rows}-{Guid.NewGuid():N}.csv");
        try
        {
            await WriteFileAsync(path, rows, cancellationToken);
            await using var bench = new CatalogBench(azurite.Account);
            var importer = bench.Get<CatalogCsvImporter>();
            CsvImportResult result;
            double peak;
            var started = Stopwatch.GetTimestamp();
            using (var sampler = BenchmarkContext.SampleWorkingSet())
            {
                result = await importer.ImportAsync(
                    _ => Task.FromResult<Stream>(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan)),
                    applyValidRows: false, CatalogActor.Create("benchmark"), cancellationToken);
                peak = sampler.PeakMib;
            }

            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            if (!result.Applied || result.Created != rows)
            {
                throw new InvalidOperationException($"Imported {result.Created} of {rows} rows ({result.Validation.ErrorCount} errors).");
            }

            context.Report(Name, "rows_per_s", rows / seconds, "rows/s");
            context.Report(Name, "peak_working_set_mib", peak, "MiB");
        }
        finally
        {
            File.Delete(path);
        }
    }

    internal static async Task WriteFileAsync(string path, int rows, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(path);
        await writer.WriteLineAsync(string.Join(",", ProductCsvColumns.Sku, ProductCsvColumns.Title, ProductCsvColumns.DescriptionHtml, ProductCsvColumns.Brand,
            ProductCsvColumns.BasePrice, ProductCsvColumns.PriceRules, ProductCsvColumns.Quantity, ProductCsvColumns.Stocked, ProductCsvColumns.Images,
            ProductCsvColumns.Category, ProductCsvColumns.Handedness, ProductCsvColumns.Status));
        for (var i = 0; i < rows; i++)
        {
            var stocked = i % 5 == 0;
            var line = string.Create(CultureInfo.InvariantCulture,
                $"CSV-{i:D7},Vintage pedal {i},\"<p>Classic <b>fuzz</b>, serial {i}</p>\",Brand{i % 40},{100 + i % 900}.50,ebay=+10%;shopify=-5%@1000/999,{(stocked ? 5 : 1)},{(stocked ? "true" : "false")},images/{i}/1.jpg|images/{i}/2.jpg,effects/fuzz,{(i % 10 == 0 ? "LEFT" : "RIGHT")},ACTIVE");
            await writer.WriteLineAsync(line.AsMemory(), cancellationToken);
        }
    }
}

/// <summary><c>catalog.csv.import.10k</c>.</summary>
internal sealed class CatalogCsvImport10kScenario() : CatalogCsvImportScenario("catalog.csv.import.10k", 10_000);

/// <summary><c>catalog.csv.import.100k</c>.</summary>
internal sealed class CatalogCsvImport100kScenario() : CatalogCsvImportScenario("catalog.csv.import.100k", 100_000);
