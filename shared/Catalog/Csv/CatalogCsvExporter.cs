using System.Globalization;
using CsvHelper;
using Marketplace.Shared.Catalog.Products;

namespace Marketplace.Shared.Catalog.Csv;

/// <summary>Writes the catalog as CSV in <see cref="ProductCsvColumns"/>' format (importable as is), streaming product by product.</summary>
public sealed class CatalogCsvExporter
{
    private readonly ProductCatalog _products;

    internal CatalogCsvExporter(ProductCatalog products) => _products = products;

    /// <summary>Writes every product to <paramref name="output"/> (left open) and returns how many.</summary>
    public async Task<int> ExportAsync(Stream output, CancellationToken cancellationToken = default)
    {
        await using var csv = CsvWriter.Create(output, new CsvWriterOptions { Injection = CsvInjection.None }, leaveOpen: true);
        foreach (var column in ProductCsvColumns.All)
        {
            csv.WriteField(column);
        }

        await csv.EndRecordAsync(cancellationToken);
        var count = 0;
        await foreach (var product in _products.ListAllAsync(cancellationToken))
        {
            foreach (var value in Fields(product))
            {
                csv.WriteField(value);
            }

            await csv.EndRecordAsync(cancellationToken);
            count++;
        }

        await csv.FlushAsync(cancellationToken);
        return count;
    }

    internal static IEnumerable<string> Fields(Product p)
    {
        static string N(decimal? d) => d?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;
        static string Map(IReadOnlyDictionary<Platform, string> map) => string.Join(";", map.OrderBy(m => m.Key).Select(m => m.Key.ToWire() + "=" + m.Value));
        return
        [
            p.Sku, p.Title, p.DescriptionHtml, p.Brand ?? string.Empty, p.Model ?? string.Empty, p.Year?.ToString(CultureInfo.InvariantCulture) ?? string.Empty,
            CatalogBatch.Wire(p.Condition), N(p.ConditionRating), N(p.BasePrice), p.Currency, PriceRuleParser.Format(p.PriceRules),
            p.Quantity.ToString(CultureInfo.InvariantCulture), p.Stocked ? "true" : "false", string.Join("|", p.Images.Select(i => i.Blob)),
            p.Category ?? string.Empty, Map(p.PlatformCategories), CatalogBatch.Wire(p.Handedness), p.ArtistOwned ? "true" : "false",
            Map(p.ShippingProfiles), N(p.WeightKg), N(p.Dimensions?.LengthCm), N(p.Dimensions?.WidthCm), N(p.Dimensions?.HeightCm),
            p.Identifiers?.Barcode ?? string.Empty, p.Identifiers?.CatalogueNumber ?? string.Empty, p.Identifiers?.MatrixRunout ?? string.Empty,
            p.Identifiers?.DiscogsReleaseId?.ToString(CultureInfo.InvariantCulture) ?? string.Empty, CatalogBatch.Wire(p.Status),
            string.Join("|", p.ReverbAccounts),
        ];
    }
}
