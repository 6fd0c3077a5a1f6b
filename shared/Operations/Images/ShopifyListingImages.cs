using System.Text.Json;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Shopify;

namespace Marketplace.Shared.Operations.Images;

/// <summary>
/// Shopify product media through the GraphQL Admin API, by product id: <c>mediaCount</c> first (a query of a couple of
/// cost points), the media with <c>MediaImage.originalSource</c> only when fewer than the gallery show (the first 50; a
/// media connection costs about 3 points per node); missing images are added with <c>productUpdate(media:)</c> (new
/// media go after the existing ones).
/// </summary>
public sealed class ShopifyListingImages(ShopifyClient client) : IListingImageClient
{
    private const string MediaCount = "query node($id: ID!) { node(id: $id) { ... on Product { id mediaCount { count } } } }";

    private const string Media =
        "query node($id: ID!) { node(id: $id) { ... on Product { id media(first: 50) { nodes { ... on MediaImage { image { url } originalSource { url } } } } } } }";

    private const string AddMedia =
        "mutation productUpdate($product: ProductUpdateInput!, $media: [CreateMediaInput!]) { productUpdate(product: $product, media: $media) { product { id } userErrors { field message } } }";

    public Platform Platform => Platform.Shopify;

    public async Task<IReadOnlyList<RemoteImage>?> GetImagesAsync(string sku, string externalId, int expected, string? shop = null, CancellationToken cancellationToken = default)
    {
        var counted = await ProductAsync(MediaCount, externalId, cancellationToken);
        if (counted is not { } product)
        {
            return null;
        }

        var count = product.GetProperty("mediaCount").GetProperty("count").GetInt32();
        if (count >= expected)
        {
            return Enumerable.Repeat(new RemoteImage(string.Empty, null), count).ToList();
        }

        var media = await ProductAsync(Media, externalId, cancellationToken);
        return media?.GetProperty("media").GetProperty("nodes").EnumerateArray()
            .Where(m => m.TryGetProperty("image", out var image) && image.ValueKind == JsonValueKind.Object)
            .Select(m => new RemoteImage(m.GetProperty("image").GetProperty("url").GetString()!, Source(m)))
            .ToList();
    }

    public async Task RestoreAsync(string sku, string externalId, IReadOnlyList<string> gallery, IReadOnlyList<string> missing, string? shop = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(missing);
        var data = await client.ExecuteAsync("productUpdate", AddMedia, w =>
        {
            w.WriteStartObject("product");
            w.WriteString("id", externalId);
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

    private async Task<JsonElement?> ProductAsync(string query, string productId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(productId);
        var data = await client.ExecuteAsync("node", query, w => w.WriteString("id", productId), cancellationToken);
        return data.GetProperty("node") is { ValueKind: JsonValueKind.Object } node && node.TryGetProperty("id", out _) ? node : null;
    }

    private static string? Source(JsonElement media) =>
        media.TryGetProperty("originalSource", out var source) && source.ValueKind == JsonValueKind.Object && source.TryGetProperty("url", out var url) ? url.GetString() : null;
}
