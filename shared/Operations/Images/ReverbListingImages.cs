using System.Text.Json.Nodes;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Reverb;

namespace Marketplace.Shared.Operations.Images;

/// <summary>
/// Reverb listing photos, read and repaired in the shop (account) holding the listing. Reverb answers with its processed
/// copies, not the URLs sent, so only the count is compared; a repair sends the catalog gallery as the listing's
/// <c>photos</c>, as the listing push does.
/// </summary>
public sealed class ReverbListingImages(ReverbAccounts accounts) : IListingImageClient
{
    public Platform Platform => Platform.Reverb;

    public async Task<IReadOnlyList<RemoteImage>?> GetImagesAsync(string sku, string externalId, int expected, string? shop = null, CancellationToken cancellationToken = default) =>
        await accounts.ClientFor(shop).FindListingBySkuAsync(sku, cancellationToken) is { } listing
            ? (listing.Photos ?? []).Select(p => new RemoteImage(p.Links?.GetValueOrDefault("full")?.Href ?? string.Empty, null)).ToList()
            : null;

    public async Task RestoreAsync(string sku, string externalId, IReadOnlyList<string> gallery, IReadOnlyList<string> missing, string? shop = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(gallery);
        var client = accounts.ClientFor(shop);
        var listing = await client.FindListingBySkuAsync(sku, cancellationToken)
            ?? throw new InvalidOperationException($"Reverb shop '{shop ?? ReverbAccounts.DefaultKey}' has no listing for SKU '{sku}'.");
        await client.UpdateListingAsync(listing.Id, new JsonObject { ["photos"] = new JsonArray(gallery.Select(u => (JsonNode)JsonValue.Create(u)).ToArray()) }, cancellationToken);
    }
}
