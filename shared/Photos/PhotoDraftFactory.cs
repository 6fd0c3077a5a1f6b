using System.Net;
using System.Text.Json.Nodes;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.ChangeSets;
using Marketplace.Shared.Catalog.Products;
using Marketplace.Shared.Discogs;

namespace Marketplace.Shared.Photos;

/// <summary>
/// Turns a matched batch into a DRAFT product (title, artist, label, year, format, genre, the batch's photos, the Discogs
/// release id, price from the hint or Discogs's suggestion) and a PENDING change set that sets it ACTIVE once approved.
/// Idempotent by the batch: the SKU is <c>PH-{batchId}</c>, an existing product or pending change set is reused.
/// </summary>
public sealed class PhotoDraftFactory(DiscogsClient discogs, ProductCatalog catalog, ChangeSetService changeSets, PhotoOptions options)
{
    /// <summary>The SKU a batch's draft gets.</summary>
    public static string SkuOf(string batchId) => "PH-" + batchId.ToUpperInvariant();

    /// <exception cref="DiscogsException">Discogs has no release <paramref name="releaseId"/> (404) or failed.</exception>
    public async Task<PhotoDraft> CreateAsync(PhotoBatchManifest batch, long releaseId, CatalogActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var sku = SkuOf(batch.BatchId);
        var created = false;
        if (await catalog.GetAsync(sku, cancellationToken) is null)
        {
            var release = await discogs.GetReleaseAsync(releaseId, cancellationToken)
                ?? throw new DiscogsException($"Discogs has no release {releaseId}.", HttpStatusCode.NotFound);
            var product = await ToProductAsync(sku, batch, release, cancellationToken);
            try
            {
                await catalog.CreateAsync(product, actor, cancellationToken);
                created = true;
            }
            catch (CatalogConflictException)
            {
                // A retried activity: the first attempt created it.
            }
        }

        await foreach (var pending in changeSets.ListAsync(sku, ChangeSetStatus.Pending, cancellationToken: cancellationToken))
        {
            if (pending.BatchId == batch.BatchId)
            {
                return new PhotoDraft(sku, pending.Id, releaseId, created);
            }
        }

        var staged = await changeSets.StageAsync(
            new StageRequest(sku, new JsonObject { ["status"] = "ACTIVE" }, null, $"Photo batch {batch.BatchId} matched Discogs release {releaseId}: approve to publish.", batch.BatchId),
            actor, cancellationToken);
        return new PhotoDraft(sku, staged.Review?.Id, releaseId, created);
    }

    private async Task<Product> ToProductAsync(string sku, PhotoBatchManifest batch, DiscogsRelease release, CancellationToken cancellationToken)
    {
        var hints = batch.Hints;
        var condition = Enum.TryParse<ProductCondition>((hints.Condition ?? string.Empty).Replace("_", string.Empty, StringComparison.Ordinal), ignoreCase: true, out var parsed)
            ? parsed : ProductCondition.VeryGood;
        var price = hints.Price;
        var currency = hints.Currency;
        if (price is null)
        {
            var suggestions = await discogs.GetPriceSuggestionsAsync(release.Id, cancellationToken);
            if (suggestions.TryGetValue(DiscogsConnector.MediaCondition(condition.ToString()), out var suggested))
            {
                (price, currency) = (suggested.Value, suggested.Currency);
            }
        }

        var format = release.Formats.FirstOrDefault();
        var formatText = format is null ? null : string.Join(", ", new[] { format.Name }.Concat(format.Descriptions ?? []));
        var label = release.Labels.FirstOrDefault();
        var genre = release.Genres.FirstOrDefault();
        var details = new[] { formatText, string.Join(", ", release.Genres.Concat(release.Styles)), release.Country }.Where(d => !string.IsNullOrWhiteSpace(d));
        return new Product
        {
            Sku = sku,
            Title = Truncate($"{release.ArtistName} - {release.Title}" + (format is null ? string.Empty : $" ({format.Name})"), 255),
            DescriptionHtml = "<p>" + WebUtility.HtmlEncode(string.Join(". ", details)) + "</p>",
            Brand = release.ArtistName,
            Model = label?.Name,
            Year = release.Year is >= 1800 ? release.Year : null,
            Condition = condition,
            BasePrice = price ?? 0m,
            Currency = (currency ?? "GBP").ToUpperInvariant(),
            Quantity = 1,
            Images = batch.Images.OrderBy(i => PhotoNames.Roles.ToList().IndexOf(i.Role)).Select(i => new ImageRef($"{options.Container}/{i.Blob}", i.Role)).ToList(),
            Category = genre is null ? "records" : "records/" + genre.ToLowerInvariant().Replace(' ', '-'),
            Identifiers = new RecordIdentifiers
            {
                Barcode = release.IdentifiersOf("Barcode").FirstOrDefault(),
                CatalogueNumber = label?.Catno,
                MatrixRunout = release.IdentifiersOf("Matrix / Runout").FirstOrDefault(),
                DiscogsReleaseId = release.Id,
            },
            Status = ProductStatus.Draft,
        };
    }

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];
}
