using System.Text.Json;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Shopify;

namespace Marketplace.Shared.Operations.Images;

/// <summary>
/// Shopify product media through the GraphQL Admin API: reads <c>MediaImage.originalSource</c>, adds missing images with
/// <c>productUpdate(media:)</c> (new media go after the existing ones). Reads the first 50 media (the query cost limit allows no more with a fuzzy SKU search).
/// </summary>
public sealed class ShopifyListingImages(ShopifyClient client) : IListingImageClient
{
    private const string MediaBySku =
        "query productVariants($first: Int!, $query: String!) { productVariants(first: $first, query: $query) { nodes { sku product { id "
        + "media(first: 50) { nodes { ... on MediaImage { image { url } originalSource { url } } } } } } } }";

    private const string AddMedia =
        "mutation productUpdate($product: ProductUpdateInput!, $media: [CreateMediaInput!]) { productUpdate(product: $product, media: $media) { product { id } userErrors { field message } } }";

    public Platform Platform => Platform.Shopify;

    public async Task<IReadOnlyList<RemoteImage>?> GetImagesAsync(string sku, CancellationToken cancellationToken = default) =>
        (await FindAsync(sku, cancellationToken))?.Images;

    public async Task RestoreAsync(string sku, IReadOnlyList<string> gallery, IReadOnlyList<string> missing, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(missing);
        var product = await FindAsync(sku, cancellationToken) ?? throw new InvalidOperationException($"Shopify has no product for SKU '{sku}'.");
        var data = await client.ExecuteAsync("productUpdate", AddMedia, w =>
        {
            w.WriteStartObject("product");
            w.WriteString("id", product.Id);
            w.WriteEndObject();
            w.WriteStartArray("media");
            foreach (var url in missing)
            {
                w.WriteStartObject();
                w.WriteString("originalSource", url);
                w.WriteString("mediaContentType", "IMAGE");
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }, cancellationToken);
        ShopifyResponses.ThrowOnUserErrors("productUpdate", data.GetProperty("productUpdate"));
    }

    private async Task<(string Id, IReadOnlyList<RemoteImage> Images)?> FindAsync(string sku, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(sku);
        var data = await client.ExecuteAsync("productVariants", MediaBySku, w =>
        {
            w.WriteNumber("first", 5);
            w.WriteString("query", $"sku:\"{sku.Replace("\"", "\\\"", StringComparison.Ordinal)}\"");
        }, cancellationToken);
        foreach (var node in data.GetProperty("productVariants").GetProperty("nodes").EnumerateArray())
        {
            // The search is fuzzy; only an exact SKU counts.
            if (node.GetProperty("sku").GetString() == sku && node.GetProperty("product") is { ValueKind: JsonValueKind.Object } product)
            {
                var images = product.GetProperty("media").GetProperty("nodes").EnumerateArray()
                    .Where(m => m.TryGetProperty("image", out var image) && image.ValueKind == JsonValueKind.Object)
                    .Select(m => new RemoteImage(m.GetProperty("image").GetProperty("url").GetString()!, Source(m)))
                    .ToList();
                return (product.GetProperty("id").GetString()!, images);
            }
        }

        return null;
    }

    private static string? Source(JsonElement media) =>
        media.TryGetProperty("originalSource", out var source) && source.ValueKind == JsonValueKind.Object && source.TryGetProperty("url", out var url) ? url.GetString() : null;
}
