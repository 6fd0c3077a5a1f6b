using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Marketplace.Shared.Shopify;

/// <summary>Turns grouped bulk-query JSONL lines back into products by <c>__parentId</c>, one product in memory at a time.</summary>
internal static class ShopifyBulkReassembler
{
    public static async IAsyncEnumerable<ShopifyProduct> ProductsAsync(IAsyncEnumerable<JsonElement> lines, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ShopifyProduct? current = null;
        List<ShopifyVariant> variants = [];
        List<ShopifyMetafield> metafields = [];
        List<string> images = [];
        await foreach (var line in lines.WithCancellation(cancellationToken))
        {
            var parent = line.OptionalString("__parentId");
            if (parent is null)
            {
                if (current is not null)
                {
                    yield return Complete(current, variants, metafields, images);
                    variants = [];
                    metafields = [];
                    images = [];
                }

                current = ShopifyProductReader.ReadScalars(line);
                continue;
            }

            if (current is null || parent != current.Id)
            {
                throw new ShopifyException($"Bulk JSONL line for {line.OptionalString("id")} names parent {parent}, but the open product is {current?.Id ?? "none"}: the output is not grouped.");
            }

            var id = line.OptionalString("id") ?? string.Empty;
            if (id.StartsWith("gid://shopify/ProductVariant/", StringComparison.Ordinal))
            {
                variants.Add(ShopifyProductReader.ReadVariant(line));
            }
            else if (id.StartsWith("gid://shopify/Metafield/", StringComparison.Ordinal))
            {
                metafields.Add(ShopifyProductReader.ReadMetafield(line));
            }
            else if (ShopifyProductReader.ReadImageUrl(line) is { } url)
            {
                images.Add(url);
            }
        }

        if (current is not null)
        {
            yield return Complete(current, variants, metafields, images);
        }
    }

    private static ShopifyProduct Complete(ShopifyProduct product, List<ShopifyVariant> variants, List<ShopifyMetafield> metafields, List<string> images) =>
        product with { Variants = variants, Metafields = metafields, ImageUrls = images };
}
