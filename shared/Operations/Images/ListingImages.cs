using Marketplace.Shared.Catalog;

namespace Marketplace.Shared.Operations.Images;

/// <summary>
/// One image of a live listing as the platform reports it. <see cref="SourceUrl"/> is the URL we sent when the platform
/// keeps it (Shopify's <c>originalSource</c>, eBay's <c>imageUrls</c>); null when the platform only shows its own
/// processed copies (Reverb), in which case only the count can be compared.
/// </summary>
public sealed record RemoteImage(string Url, string? SourceUrl);

/// <summary>
/// Reads and repairs the images of one platform's listing by SKU. Reads never change anything; <see cref="RestoreAsync"/>
/// is idempotent for a given gallery (it adds only what <see cref="ImageGallery.Missing"/> found, or sets the whole
/// gallery where the platform replaces images as a list). Each call names the shop holding the listing on a platform with
/// several (<c>shop</c>: a Reverb account key, as in the listing's shops; null: the platform's only shop, or Reverb's default account).
/// </summary>
public interface IListingImageClient
{
    /// <summary>The platform.</summary>
    Platform Platform { get; }

    /// <summary>
    /// The listing's images in display order, or null when the platform has no listing for the SKU. A platform that can
    /// count cheaply may answer with images without sources when it shows at least <paramref name="expected"/>.
    /// </summary>
    Task<IReadOnlyList<RemoteImage>?> GetImagesAsync(string sku, string externalId, int expected, string? shop = null, CancellationToken cancellationToken = default);

    /// <summary>Puts <paramref name="missing"/> back so the listing in <paramref name="shop"/> shows <paramref name="gallery"/> (the catalog's public image URLs in order).</summary>
    Task RestoreAsync(string sku, string externalId, IReadOnlyList<string> gallery, IReadOnlyList<string> missing, string? shop = null,
        CancellationToken cancellationToken = default);
}

/// <summary>Compares a catalog gallery with what a listing shows.</summary>
public static class ImageGallery
{
    /// <summary>
    /// The gallery URLs the listing lacks: by source URL (or file name, which platform CDNs keep) when the platform
    /// reports sources, otherwise the gallery's tail beyond the number of images shown.
    /// </summary>
    public static IReadOnlyList<string> Missing(IReadOnlyList<string> gallery, IReadOnlyList<RemoteImage> remote)
    {
        ArgumentNullException.ThrowIfNull(gallery);
        ArgumentNullException.ThrowIfNull(remote);
        if (remote.Count > 0 && remote.All(r => r.SourceUrl is not null))
        {
            var sources = remote.Select(r => r.SourceUrl!).ToHashSet(StringComparer.Ordinal);
            var names = remote.Select(r => FileName(r.SourceUrl!)).ToHashSet(StringComparer.OrdinalIgnoreCase);
            return gallery.Where(url => !sources.Contains(url) && !names.Contains(FileName(url))).ToList();
        }

        return gallery.Skip(remote.Count).ToList();
    }

    /// <summary>The last path segment without query, e.g. <c>front.jpg</c>.</summary>
    public static string FileName(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var path = Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.AbsolutePath : url.Split('?', 2)[0];
        return Uri.UnescapeDataString(path[(path.LastIndexOf('/') + 1)..]);
    }
}
