using System.Globalization;
using Marketplace.Shared.Marketplaces;
using Microsoft.Playwright;

namespace Marketplace.Shared.VintageAndRare;

public sealed partial class VintageAndRareConnector
{
    private async Task<ListingReference> CreateAsync(IPage page, ListingDraft draft, IReadOnlyList<FilePayload> files, CancellationToken cancellationToken)
    {
        await browser.GotoAsync(page, Paths.AddListing, cancellationToken);
        await page.FillAsync(S.Sku, draft.Sku);
        await page.FillAsync(S.Title, draft.Title);
        await page.FillAsync(S.Brand, draft.Brand ?? string.Empty);
        await page.FillAsync(S.Model, draft.Model ?? string.Empty);
        await page.FillAsync(S.Year, draft.Year?.ToString(CultureInfo.InvariantCulture) ?? string.Empty);
        await page.FillAsync(S.Price, draft.Price.ToString("0.00", CultureInfo.InvariantCulture));
        await page.FillAsync(S.Quantity, Math.Max(draft.Quantity, 1).ToString(CultureInfo.InvariantCulture));
        if (draft.Condition is { Length: > 0 } condition
            && browser.Options.ConditionLabels.TryGetValue(condition.Trim().Replace(' ', '_'), out var label))
        {
            await page.SelectOptionAsync(S.Condition, new SelectOptionValue { Label = label });
        }

        await page.SelectOptionAsync(S.Category, draft.CategoryId ?? string.Empty);
        await page.SelectOptionAsync(S.ShippingProfile, draft.ShippingProfileId ?? string.Empty);
        await page.FillAsync(S.Description, draft.DescriptionHtml);
        if (files.Count > 0)
        {
            await page.SetInputFilesAsync(S.Photos, files);
        }

        cancellationToken.ThrowIfCancellationRequested();
        await SubmitAsync(page, S.AddSubmit, "add listing");
        var showPath = browser.Url(Format(Paths.Show, "0")).AbsolutePath.TrimEnd('0');
        if (new Uri(page.Url).AbsolutePath.StartsWith(showPath, StringComparison.Ordinal)
            && (await page.Locator(S.ShowProductId).TextContentAsync())?.Trim() is { Length: > 0 } shown)
        {
            LogCreated(draft.Sku, shown, "show page");
            return Reference(draft.Sku, shown, "pending");
        }

        var row = (await ExportAsync(page, cancellationToken)).FirstOrDefault(r => string.Equals(r.Sku, draft.Sku, StringComparison.OrdinalIgnoreCase))
            ?? throw new VintageAndRareException($"Vintage & Rare accepted the listing for SKU '{draft.Sku}' but neither the show page nor the CSV export has its id.");
        LogCreated(draft.Sku, row.Id, "CSV export");
        return Reference(draft.Sku, row.Id, row.Status);
    }

    private async Task EditAsync(IPage page, string id, ListingDraft draft, CancellationToken cancellationToken)
    {
        await browser.GotoAsync(page, Format(Paths.Edit, id), cancellationToken);
        await page.FillAsync(S.EditTitle, draft.Title);
        await page.FillAsync(S.EditPrice, draft.Price.ToString("0.00", CultureInfo.InvariantCulture));
        await page.FillAsync(S.EditQuantity, Math.Max(draft.Quantity, 0).ToString(CultureInfo.InvariantCulture));
        await page.FillAsync(S.EditDescription, draft.DescriptionHtml);
        if (draft.ShippingProfileId is { Length: > 0 } shipping)
        {
            await page.SelectOptionAsync(S.EditShippingProfile, shipping);
        }

        await SubmitAsync(page, S.EditSubmit, "edit");
    }

    /// <summary>Clicks a submit button and checks the answer: a 4xx/5xx page or form errors throw.</summary>
    private async Task SubmitAsync(IPage page, string button, string what)
    {
        var response = await VintageAndRareBrowser.SubmitAsync(page, button);
        var errors = await page.Locator(S.FormErrors).AllTextContentsAsync();
        if (errors.Count > 0)
        {
            throw new VintageAndRareException($"Vintage & Rare rejected the {what} form: {string.Join(" ", errors)}", (System.Net.HttpStatusCode?)response?.Status, transient: false);
        }

        VintageAndRareBrowser.EnsureOk(response, what);
    }

    private async Task<IReadOnlyList<FilePayload>> DownloadPhotosAsync(IReadOnlyList<string> urls, CancellationToken cancellationToken)
    {
        var files = new List<FilePayload>(urls.Count);
        foreach (var url in urls)
        {
            using var response = await photos.GetAsync(new Uri(url), cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new VintageAndRareException($"Photo {url} could not be fetched ({(int)response.StatusCode}).", response.StatusCode);
            }

            files.Add(new FilePayload
            {
                Name = Path.GetFileName(new Uri(url).AbsolutePath) is { Length: > 0 } name ? name : $"photo-{files.Count + 1}.jpg",
                MimeType = response.Content.Headers.ContentType?.MediaType ?? "image/jpeg",
                Buffer = await response.Content.ReadAsByteArrayAsync(cancellationToken),
            });
        }

        return files;
    }
}
