using System.Globalization;
using System.Runtime.CompilerServices;
using Marketplace.Shared.Marketplaces;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Playwright;

namespace Marketplace.Shared.VintageAndRare;

/// <summary>
/// <see cref="IMarketplaceConnector"/> for Vintage &amp; Rare through its dealer website (no public write API). Idempotent
/// by SKU: every create first searches the dealer's listing page for the SKU and adopts what it finds, so a create
/// killed mid-form or mid-submit and run again never makes a second listing. The new listing's id is read from the
/// show page the form lands on, else from the CSV export. Status is upper case: PENDING (awaiting V&amp;R review),
/// ACTIVE, SOLD or ENDED (withdrawn). Photos are fetched from their URLs (Blob storage) and uploaded with the form.
/// </summary>
public sealed partial class VintageAndRareConnector(VintageAndRareBrowser browser, HttpClient photos, ILogger<VintageAndRareConnector>? logger = null)
    : IMarketplaceConnector
{
    private const string WithdrawnReason = "withdrawn";
    private readonly ILogger _logger = logger ?? NullLogger<VintageAndRareConnector>.Instance;

    private VintageAndRareSelectors S => browser.Options.Selectors;

    private VintageAndRarePaths Paths => browser.Options.Paths;

    /// <inheritdoc />
    public string Platform => MarketplacePlatform.VintageAndRare;

    /// <inheritdoc />
    public Task<ListingReference?> FindListingAsync(string sku, CancellationToken cancellationToken = default) =>
        browser.RunAsync("find", (page, ct) => FindAsync(page, sku, ct), cancellationToken);

    /// <inheritdoc />
    public async Task<ListingReference> UpsertListingAsync(ListingDraft draft, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var files = await DownloadPhotosAsync(draft.ImageUrls, cancellationToken);
        return await browser.RunAsync("upsert", async (page, ct) =>
        {
            if (await FindAsync(page, draft.Sku, ct) is { } existing)
            {
                LogAdopted(draft.Sku, existing.ExternalId);
                if (existing.Status is "SOLD" or "ENDED" && draft.Quantity <= 0)
                {
                    return existing;
                }

                await EditAsync(page, existing.ExternalId, draft, ct);
                return await FindAsync(page, draft.Sku, ct) ?? existing;
            }

            return await CreateAsync(page, draft, files, ct);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task SetQuantityAsync(string sku, int quantity, CancellationToken cancellationToken = default)
    {
        if (quantity <= 0)
        {
            await EndListingAsync(sku, "quantity 0", cancellationToken);
            return;
        }

        await browser.RunAsync("quantity", async (page, ct) =>
        {
            var listing = await FindAsync(page, sku, ct)
                ?? throw new VintageAndRareException($"Vintage & Rare has no listing with SKU '{sku}' to set the quantity of.", System.Net.HttpStatusCode.NotFound, transient: false);
            await browser.GotoAsync(page, Format(Paths.Edit, listing.ExternalId), ct);
            await page.FillAsync(S.EditQuantity, quantity.ToString(CultureInfo.InvariantCulture));
            await SubmitAsync(page, S.EditSubmit, "edit");
            return listing;
        }, cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>The listing is withdrawn (status ENDED) whatever the reason; only the dealer's own V&amp;R sales read as SOLD.</remarks>
    public Task EndListingAsync(string sku, string reason, CancellationToken cancellationToken = default) =>
        browser.RunAsync("end", async (page, ct) =>
        {
            var listing = await FindAsync(page, sku, ct);
            if (listing is null || listing.Status is "SOLD" or "ENDED")
            {
                return listing;
            }

            // Withdrawn, never "sold": a V&R sale would come back from the export as a second sale of the item.
            await browser.GotoAsync(page, Format(Paths.Edit, listing.ExternalId), ct);
            await page.SelectOptionAsync(S.SoldReason, WithdrawnReason);
            await SubmitAsync(page, S.MarkSoldSubmit, "mark sold");
            return listing;
        }, cancellationToken);

    /// <inheritdoc />
    public async IAsyncEnumerable<SaleEvent> GetSalesSinceAsync(DateTimeOffset since, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var rows = await browser.RunAsync("export", (page, ct) => ExportAsync(page, ct), cancellationToken);
        foreach (var row in rows)
        {
            if (row.Status == "sold" && row.SoldAt is { } soldAt && soldAt >= since)
            {
                yield return new SaleEvent(Platform, "vr-" + row.Id, row.Id, row.Sku, 1, row.Price, browser.Options.Currency, soldAt);
            }
        }
    }

    /// <summary>Every listing of the dealer as the CSV export lists it.</summary>
    public Task<IReadOnlyList<VintageAndRareExportRow>> ExportAsync(CancellationToken cancellationToken = default) =>
        browser.RunAsync("export", (page, ct) => ExportAsync(page, ct), cancellationToken);

    private async Task<ListingReference?> FindAsync(IPage page, string sku, CancellationToken cancellationToken)
    {
        await browser.GotoAsync(page, Format(Paths.DealerListings, Uri.EscapeDataString(sku)), cancellationToken);
        foreach (var row in await page.Locator(S.ListingRow).AllAsync())
        {
            if (string.Equals(await row.GetAttributeAsync(S.RowSku), sku, StringComparison.OrdinalIgnoreCase)
                && await row.GetAttributeAsync(S.RowId) is { Length: > 0 } id)
            {
                return Reference(sku, id, await row.GetAttributeAsync(S.RowStatus));
            }
        }

        return null;
    }

    private async Task<IReadOnlyList<VintageAndRareExportRow>> ExportAsync(IPage page, CancellationToken cancellationToken) =>
        await VintageAndRareExportRow.ParseAsync(await browser.GetTextAsync(page, Paths.CsvExport, cancellationToken), S, cancellationToken);

    private ListingReference Reference(string sku, string id, string? status) =>
        new(Platform, sku, id, ShowUrl(id), CanonicalStatus(status));

    /// <summary>The listing's show page.</summary>
    public Uri ShowUrl(string id) => browser.Url(Format(Paths.Show, id));

    /// <summary>The site's status in canonical upper case: PENDING, ACTIVE, SOLD, or ENDED for withdrawn.</summary>
    public static string CanonicalStatus(string? status) => status?.Trim().ToUpperInvariant() switch
    {
        "WITHDRAWN" => "ENDED",
        null or "" => "PENDING",
        var s => s,
    };

    private static string Format(string path, string value) => string.Format(CultureInfo.InvariantCulture, path, value);

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "Vintage & Rare already lists SKU {Sku} as {ExternalId}; adopting it")]
    private partial void LogAdopted(string sku, string externalId);

    [LoggerMessage(EventId = 11, Level = LogLevel.Information, Message = "Created Vintage & Rare listing {ExternalId} for SKU {Sku} (id from {Source})")]
    private partial void LogCreated(string sku, string externalId, string source);
}
