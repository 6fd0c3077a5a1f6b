using System.Security.Cryptography;
using System.Text;
using System.Threading.Channels;
using Marketplace.Shared.Catalog.Ledger;
using Marketplace.Shared.Catalog.Products;

namespace Marketplace.Shared.Catalog.Csv;

/// <summary>
/// Imports a catalog CSV in two streamed passes (memory does not grow with the file): the first validates
/// every row and reports all errors with line and column; the second applies the rows, only when there was
/// no error or the caller asked to apply the valid rows. Rows are grouped by catalog partition (up to
/// <see cref="GroupSize"/> products) and each group is written with as few entity group transactions as fit
/// (100 rows each; one product's rows are never split, so each product changes atomically with its outbox and
/// audit rows); <see cref="CatalogOptions.ImportConcurrency"/> groups are applied at once. A new product is
/// created at version 1; an existing one gets a new version only when its content differs; a quantity
/// differing from stock is an IMPORT ledger entry whose event id is derived from the row's content, so
/// importing the same file again changes nothing (also after sales moved the stock meanwhile).
/// </summary>
public sealed partial class CatalogCsvImporter
{
    /// <summary>Products of one partition applied together.</summary>
    internal const int GroupSize = 16;

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
        await foreach (var row in CatalogCsvReader.ReadAsync(stream, _table.Time, cancellationToken: cancellationToken, configuredReverbAccounts: _table.Options.ReverbAccounts))
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
    /// Safe to run again after a failure part-way: rows already applied are then unchanged.
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

        await _table.EnsureCreatedAsync(cancellationToken);
        var totals = new ImportTotals();
        var state = new ImportState();
        var workers = Math.Max(1, _table.Options.ImportConcurrency);
        var groups = Channel.CreateBounded<List<Product>>(new BoundedChannelOptions(workers) { SingleWriter = true });
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var consumers = Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            try
            {
                await foreach (var group in groups.Reader.ReadAllAsync(failed.Token))
                {
                    totals.Add(await ImportGroupAsync(group, actor, state, failed.Token));
                }
            }
            catch
            {
                await failed.CancelAsync();
                throw;
            }
        }, CancellationToken.None));
        var producer = Task.Run(async () =>
        {
            try
            {
                await using var second = await open(failed.Token);
                // A valid file has no duplicate SKU: the second pass need not remember the SKUs it saw.
                var rows = CatalogCsvReader.ReadAsync(second, _table.Time, detectDuplicates: !report.IsValid, failed.Token, _table.Options.ReverbAccounts);
                await ProduceGroupsAsync(rows, groups.Writer, failed.Token);
            }
            catch
            {
                await failed.CancelAsync();
                throw;
            }
            finally
            {
                groups.Writer.TryComplete();
            }
        }, CancellationToken.None);
        var all = consumers.Append(producer).ToList();
        try
        {
            await Task.WhenAll(all);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // One task failed and cancelled the others: report its exception, not a cancellation.
            var cause = all.Where(t => t.IsFaulted).Select(t => t.Exception!.InnerException!).FirstOrDefault(e => e is not OperationCanceledException);
            if (cause is null)
            {
                throw;
            }

            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(cause);
        }

        return new CsvImportResult(report, true, totals.Created, totals.Updated, totals.Unchanged, totals.Quantities) { Skipped = totals.Skipped };
    }

    /// <summary>Buffers valid rows per partition and hands each full buffer (and at the end every partial one) to the workers.</summary>
    private static async Task ProduceGroupsAsync(IAsyncEnumerable<CsvRow> rows, ChannelWriter<List<Product>> writer, CancellationToken cancellationToken)
    {
        var buffers = new Dictionary<string, List<Product>>(StringComparer.Ordinal);
        await foreach (var row in rows)
        {
            if (row.Product is not { } product)
            {
                continue;
            }

            var partition = CatalogKeys.PartitionOf(product.Sku);
            if (!buffers.TryGetValue(partition, out var buffer))
            {
                buffers[partition] = buffer = new List<Product>(GroupSize);
            }

            buffer.Add(product);
            if (buffer.Count == GroupSize)
            {
                await writer.WriteAsync(buffer, cancellationToken);
                buffers[partition] = new List<Product>(GroupSize);
            }
        }

        foreach (var buffer in buffers.Values.Where(b => b.Count > 0))
        {
            await writer.WriteAsync(buffer, cancellationToken);
        }
    }

    private static string EventIdOf(Product product) =>
        "import:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(CatalogJson.Serialize(product with { Version = 0, CreatedAt = default, UpdatedAt = default }))));

    /// <summary>Counters shared by the workers.</summary>
    private sealed class ImportTotals
    {
        private int _created, _updated, _unchanged, _quantities;

        public int Created => _created;

        public int Updated => _updated;

        public int Unchanged => _unchanged;

        public int Quantities => _quantities;

        private readonly System.Collections.Concurrent.ConcurrentQueue<CsvSkippedRow> _skipped = new();

        public IReadOnlyList<CsvSkippedRow> Skipped => [.. _skipped.OrderBy(s => s.Sku, StringComparer.Ordinal)];

        public void Add(GroupOutcome outcome)
        {
            foreach (var skipped in outcome.Skipped ?? [])
            {
                _skipped.Enqueue(skipped);
            }

            Interlocked.Add(ref _created, outcome.Created);
            Interlocked.Add(ref _updated, outcome.Updated);
            Interlocked.Add(ref _unchanged, outcome.Unchanged);
            Interlocked.Add(ref _quantities, outcome.Quantities);
        }
    }
}
