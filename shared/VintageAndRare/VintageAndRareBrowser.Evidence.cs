using System.Globalization;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;

namespace Marketplace.Shared.VintageAndRare;

public sealed partial class VintageAndRareBrowser
{
    private async Task<Exception> WithEvidenceAsync(IPage page, string operation, Exception failure)
    {
        var stamp = _time.GetUtcNow().ToString("yyyyMMdd'T'HHmmssfff", CultureInfo.InvariantCulture);
        var prefix = $"evidence/{options.Account}/{stamp}-{operation}-{Guid.NewGuid().ToString("N")[..8]}";
        var container = blobs.GetBlobContainerClient(options.Container);
        await container.CreateIfNotExistsAsync();
        var wait = (float)Math.Min(options.PageTimeout.TotalMilliseconds, 10_000);
        var png = await SaveAsync(container.GetBlobClient(prefix + ".png"), async () =>
            BinaryData.FromBytes(await page.ScreenshotAsync(new PageScreenshotOptions { FullPage = true, Timeout = wait })));
        var html = await SaveAsync(container.GetBlobClient(prefix + ".html"), async () =>
            BinaryData.FromString(await page.ContentAsync().WaitAsync(TimeSpan.FromMilliseconds(wait))));
        LogEvidence(operation, page.Url, png?.ToString() ?? "(no screenshot)");
        var inner = failure as VintageAndRareException;
        // The links go into the message so the listing's attempt log and the audit entry (which keep the message) carry them.
        return new VintageAndRareException($"Vintage & Rare step '{operation}' failed at {page.Url}: {failure.Message} [screenshot: {png?.ToString() ?? "none"}; html: {html?.ToString() ?? "none"}]", inner?.Status,
            inner is null || inner.IsTransient, failure) { Screenshot = png, Html = html };
    }

    private static async Task<Uri?> SaveAsync(BlobClient blob, Func<Task<BinaryData>> capture)
    {
        try
        {
            await blob.UploadAsync(await capture(), overwrite: true);
            return blob.Uri;
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
        {
            // A page stuck mid-navigation may not render: the failure itself still has to surface.
            return null;
        }
    }

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Vintage & Rare step {Operation} failed at {PageUrl}; evidence saved to {Screenshot}")]
    private partial void LogEvidence(string operation, string pageUrl, string screenshot);
}
