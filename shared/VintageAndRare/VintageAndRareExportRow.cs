using System.Globalization;
using System.Text;
using CsvHelper;

namespace Marketplace.Shared.VintageAndRare;

/// <summary>One row of the dealer's CSV export (the fallback for new ids and the source of sales).</summary>
public sealed record VintageAndRareExportRow(string Id, string Sku, string Status, decimal? Price, DateTimeOffset? SoldAt, string? Title = null, int? Quantity = null)
{
    /// <summary>Reads the export with the column names of <paramref name="selectors"/>.</summary>
    public static async Task<IReadOnlyList<VintageAndRareExportRow>> ParseAsync(string csv, VintageAndRareSelectors selectors, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(selectors);
        await using var reader = CsvReader.Create(new MemoryStream(Encoding.UTF8.GetBytes(csv)), new CsvReaderOptions
        {
            HasHeader = true,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            MissingField = CsvMissingFieldHandling.ReturnEmpty,
        });
        await reader.ReadHeaderAsync(cancellationToken);
        var index = reader.Headers.Select((name, i) => (name: name.Trim(), i)).ToDictionary(x => x.name, x => x.i, StringComparer.OrdinalIgnoreCase);
        string Field(string column) => index.TryGetValue(column, out var i) && i < reader.FieldCount ? reader.GetString(i) ?? string.Empty : string.Empty;
        var rows = new List<VintageAndRareExportRow>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new VintageAndRareExportRow(
                Field(selectors.CsvId),
                Field(selectors.CsvSku),
                Field(selectors.CsvStatus).ToLowerInvariant(),
                decimal.TryParse(Field(selectors.CsvPrice), NumberStyles.Number, CultureInfo.InvariantCulture, out var price) ? price : null,
                DateTimeOffset.TryParse(Field(selectors.CsvSoldAt), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var soldAt) ? soldAt : null,
                Field(selectors.CsvTitle) is { Length: > 0 } title ? title : null,
                int.TryParse(Field(selectors.CsvQuantity), NumberStyles.Integer, CultureInfo.InvariantCulture, out var quantity) ? quantity : null));
        }

        return rows;
    }
}
