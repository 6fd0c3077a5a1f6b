using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CsvHelper;
using Marketplace.Shared.Catalog.Products;

namespace Marketplace.Shared.Catalog.Csv;

/// <summary>One parsed CSV row: its first physical line, the product (null when the row has errors) and the row's errors.</summary>
internal sealed record CsvRow(int Line, Product? Product, IReadOnlyList<CsvError> Errors);

/// <summary>
/// Streams the rows of a catalog CSV (one record in memory at a time), parsed and validated. Header
/// problems are reported as errors on line 1 and end the file; a SKU seen earlier in the file (ignoring case)
/// is an error unless <c>detectDuplicates</c> is false. Duplicates are found through a set of 128-bit hashes
/// of the SKUs (about 30 bytes per row, whatever the SKU's length; a false match is as likely as a SHA-256
/// prefix collision).
/// </summary>
internal static class CatalogCsvReader
{
    public static async IAsyncEnumerable<CsvRow> ReadAsync(Stream stream, TimeProvider time, bool detectDuplicates = true,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default, IReadOnlySet<string>? configuredReverbAccounts = null)
    {
        var malformed = new List<CsvMalformedRecord>();
        var options = new CsvReaderOptions
        {
            HasHeader = true,
            TrackLineNumbers = true,
            MalformedData = CsvMalformedDataHandling.Recover,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            MissingField = CsvMissingFieldHandling.ReturnEmpty,
            OnMalformedRecord = record => malformed.Add(record),
        };
        await using var csv = CsvReader.Create(stream, options, leaveOpen: true);
        await csv.ReadHeaderAsync(cancellationToken);
        var header = csv.Headers.Select(h => h.Trim()).ToArray();
        if (header.Length == 0 || header is [""])
        {
            yield return new CsvRow(1, null, [new CsvError(1, "", "The file is empty; it needs a header row with at least " + string.Join(", ", ProductCsvColumns.Required) + ".")]);
            yield break;
        }

        var headerErrors = header.Where(h => !ProductCsvColumns.All.Contains(h)).Select(h => new CsvError(1, CatalogText.Excerpt(h), $"Unknown column '{CatalogText.Excerpt(h)}'; columns are: {string.Join(", ", ProductCsvColumns.All)}."))
            .Concat(ProductCsvColumns.Required.Where(r => !header.Contains(r)).Select(r => new CsvError(1, r, $"The required column '{r}' is missing.")))
            .Concat(header.GroupBy(h => h).Where(g => g.Count() > 1).Select(g => new CsvError(1, CatalogText.Excerpt(g.Key), $"Column '{CatalogText.Excerpt(g.Key)}' appears twice.")))
            .ToList();
        if (headerErrors.Count > 0)
        {
            yield return new CsvRow(1, null, headerErrors);
            yield break;
        }

        var index = header.Select((name, i) => (name, i)).ToDictionary(x => x.name, x => x.i, StringComparer.Ordinal);
        var seen = new HashSet<UInt128>();
        while (await csv.ReadAsync(cancellationToken))
        {
            var line = (int)csv.LineNumber;
            var errors = new List<CsvError>();
            foreach (var problem in malformed.Where(m => m.LineNumber == line || m.LineNumber == 0))
            {
                errors.Add(new CsvError(line, "", $"Malformed field ({problem.Reason}) in '{CatalogText.Excerpt(problem.RawRecord)}': check the quotes."));
            }

            malformed.Clear();
            if (csv.FieldCount > header.Length)
            {
                errors.Add(new CsvError(line, "", $"The row has {csv.FieldCount} fields; the header has {header.Length}."));
            }

            var product = ProductCsvParser.Parse(column => index.TryGetValue(column, out var i) && i < csv.FieldCount ? csv.GetString(i) : null, line, time, errors, configuredReverbAccounts);
            if (product is not null && detectDuplicates && !seen.Add(SkuHash(product.Sku)))
            {
                errors.Add(new CsvError(line, ProductCsvColumns.Sku, $"SKU '{CatalogText.Excerpt(product.Sku)}' appears earlier in the file."));
                product = null;
            }

            yield return new CsvRow(line, errors.Count == 0 ? product : null, errors);
        }
    }

    private static UInt128 SkuHash(string sku)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(sku.ToUpperInvariant()), hash);
        return BinaryPrimitives.ReadUInt128LittleEndian(hash);
    }
}
