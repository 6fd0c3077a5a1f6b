using System.Security.Cryptography;
using System.Text;
using Marketplace.Shared.Catalog.Ledger;
using Marketplace.Shared.Catalog.Products;

namespace Marketplace.Shared.Catalog.Csv;

/// <summary>
/// Imports a catalog CSV in two streamed passes (memory does not grow with the file): the first validates
/// every row and reports all errors with line and column; the second applies the rows, only when there was
/// no error or the caller asked to apply the valid rows. Each row is one transaction: create the product, or
/// update its content (new version) when it differs; a quantity differing from stock is an IMPORT ledger entry
/// whose event id is derived from the row's content, so importing the same file again changes nothing (also
/// after sales moved the stock meanwhile).
/// </summary>
public sealed partial class CatalogCsvImporter
{
    private readonly CatalogTable _table;
    private readonly InventoryLedger _ledger;

    internal CatalogCsvImporter(CatalogTable table, InventoryLedger ledger)
    {
        _table = table;
        _ledger = ledger;
    }

    /// <summary>Validates every row of <paramref name="stream"/> without applying anything.</summary>
    public async Task<CsvValidationReport> ValidateAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var errors = new List<CsvError>();
        int rows = 0, valid = 0, errorCount = 0;
        await foreach (var row in CatalogCsvReader.ReadAsync(stream, _table.Time, cancellationToken))
        {
            if (row.Line > 1)
            {
                rows++;
            }

            if (row.Errors.Count == 0)
            {
                valid++;
                continue;
            }

            errorCount += row.Errors.Count;
            errors.AddRange(row.Errors.Take(Math.Max(0, _table.Options.MaxReportedImportErrors - errors.Count)));
        }

        return new CsvValidationReport(rows, valid, errors, errorCount);
    }

    /// <summary>
    /// Validates, then (when valid, or <paramref name="applyValidRows"/>) applies. <paramref name="open"/> is
    /// called once per pass and must return the same content each time (a file, a blob, a seekable copy).
    /// </summary>
    public async Task<CsvImportResult> ImportAsync(Func<CancellationToken, Task<Stream>> open, bool applyValidRows, CatalogActor actor,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(open);
        ArgumentNullException.ThrowIfNull(actor);
        CsvValidationReport report;
        await using (var first = await open(cancellationToken))
        {
            report = await ValidateAsync(first, cancellationToken);
        }

        if ((!report.IsValid && !applyValidRows) || report.ValidRows == 0)
        {
            return new CsvImportResult(report, false, 0, 0, 0, 0);
        }

        int created = 0, updated = 0, unchanged = 0, quantities = 0;
        await using var second = await open(cancellationToken);
        var products = ValidProducts(CatalogCsvReader.ReadAsync(second, _table.Time, cancellationToken));
        var state = new ImportState();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, _table.Options.ImportConcurrency), CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(products, parallel, async (product, ct) =>
        {
            var (outcome, quantityChanged) = await ImportRowAsync(product, actor, state, ct);
            _ = outcome switch
            {
                RowOutcome.Created => Interlocked.Increment(ref created),
                RowOutcome.Updated => Interlocked.Increment(ref updated),
                _ => Interlocked.Increment(ref unchanged),
            };
            if (quantityChanged)
            {
                Interlocked.Increment(ref quantities);
            }
        });

        return new CsvImportResult(report, true, created, updated, unchanged, quantities);
    }

    private static async IAsyncEnumerable<Product> ValidProducts(IAsyncEnumerable<CsvRow> rows)
    {
        await foreach (var row in rows)
        {
            if (row.Product is not null)
            {
                yield return row.Product;
            }
        }
    }

    private static string EventIdOf(Product product) =>
        "import:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(CatalogJson.Serialize(product with { Version = 0, CreatedAt = default, UpdatedAt = default }))));
}
