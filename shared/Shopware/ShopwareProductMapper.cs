using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Marketplace.Shared.Marketplaces;

namespace Marketplace.Shared.Shopware;

/// <summary>
/// Maps listing drafts to Admin API product payloads. Ids are derived from names the way Shopware derives its own
/// (<c>Uuid::fromStringToHex</c>: the MD5 of the name as 32 hex characters), so every write is repeatable: a retried or
/// resumed upsert finds the rows of the first attempt instead of adding new ones.
/// </summary>
public static class ShopwareProductMapper
{
    /// <summary>The id of the product we create for <paramref name="sku"/>.</summary>
    public static string ProductId(string sku) => IdFor("product:" + sku);

    /// <summary>A Shopware id (32 lower-case hex characters) derived from <paramref name="name"/>.</summary>
    public static string IdFor(string name) => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(name)));

    /// <summary>
    /// The full product: number = SKU, name, description, stock, gross/net price in the configured currency and tax,
    /// manufacturer (by name), category (<paramref name="categoryId"/>, or the draft's category when it is a Shopware id),
    /// media by URL, visibility in the configured sales channel, and active = publish.
    /// </summary>
    public static JsonObject ToProduct(ListingDraft draft, string id, ShopwareClientOptions options, string? categoryId = null)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(options);
        var product = new JsonObject
        {
            ["id"] = id,
            ["productNumber"] = draft.Sku,
            ["name"] = draft.Title,
            ["description"] = draft.DescriptionHtml,
            ["stock"] = Math.Max(0, draft.Quantity),
            ["active"] = draft.Publish,
            ["taxId"] = options.TaxId,
            ["price"] = Price(draft.Price, options),
        };
        if (!string.IsNullOrWhiteSpace(draft.Brand))
        {
            product["manufacturer"] = new JsonObject { ["id"] = IdFor("manufacturer:" + draft.Brand.Trim().ToUpperInvariant()), ["name"] = draft.Brand.Trim() };
        }

        if ((categoryId ?? (draft.CategoryId is { Length: 32 } hex && hex.All(char.IsAsciiHexDigit) ? hex : null)) is { } category)
        {
            product["categories"] = new JsonArray(new JsonObject { ["id"] = category.ToLowerInvariant() });
        }

        var media = draft.ImageUrls.Select((url, i) => (Url: url, Position: i, MediaId: IdFor("media:" + url))).ToList();
        if (media.Count > 0)
        {
            product["media"] = new JsonArray([.. media.Select(m => (JsonNode)new JsonObject
            {
                ["id"] = ProductMediaId(draft.Sku, m.Url), ["position"] = m.Position, ["mediaId"] = m.MediaId,
                ["media"] = new JsonObject { ["id"] = m.MediaId, ["alt"] = draft.Title },
            })]);
            product["coverId"] = ProductMediaId(draft.Sku, media[0].Url);
        }

        if (!string.IsNullOrEmpty(options.SalesChannelId))
        {
            // 30 = visible everywhere (listing, search, direct link).
            product["visibilities"] = new JsonArray(new JsonObject
            {
                ["id"] = IdFor($"visibility:{draft.Sku}:{options.SalesChannelId}"), ["salesChannelId"] = options.SalesChannelId, ["visibility"] = 30,
            });
        }

        return product;
    }

    /// <summary>The media to fetch by URL after an upsert: media id and URL.</summary>
    public static IEnumerable<(string MediaId, string Url)> MediaUrls(ListingDraft draft) =>
        (draft ?? throw new ArgumentNullException(nameof(draft))).ImageUrls.Select(url => (IdFor("media:" + url), url));

    /// <summary>The product_media ids of the draft's images (the links of product and media).</summary>
    public static IEnumerable<string> ProductMediaIds(ListingDraft draft) =>
        (draft ?? throw new ArgumentNullException(nameof(draft))).ImageUrls.Select(url => ProductMediaId(draft.Sku, url));

    private static string ProductMediaId(string sku, string url) => IdFor($"product-media:{sku}:{url}");

    /// <summary>Shopware's price array: gross from the catalog, net by the configured tax rate, linked.</summary>
    public static JsonArray Price(decimal gross, ShopwareClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var net = Math.Round(gross / (1 + (options.TaxRate / 100m)), 4);
        return new JsonArray(new JsonObject { ["currencyId"] = options.CurrencyId, ["gross"] = gross, ["net"] = net, ["linked"] = true });
    }

    /// <summary>Canonical status: inactive = ENDED, no stock = SOLD, else ACTIVE.</summary>
    public static string Status(ShopwareProduct product) =>
        (product ?? throw new ArgumentNullException(nameof(product))).Active == false ? "ENDED" : product.Stock is <= 0 ? "SOLD" : "ACTIVE";

    public static ListingReference ToReference(ShopwareProduct product, Uri? baseUrl) =>
        new(MarketplacePlatform.Shopware, product.ProductNumber ?? string.Empty, product.Id, baseUrl is null ? null : new Uri(baseUrl, $"/detail/{product.Id}"), Status(product));
}
