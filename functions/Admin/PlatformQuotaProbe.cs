using Marketplace.Shared.Ebay;
using Marketplace.Shared.Marketplaces;
using Marketplace.Shared.Reverb;
using Marketplace.Shared.Shopify;

namespace Marketplace.Functions.Admin;

/// <summary>
/// Rate-limit headroom per platform for the overview, each in the platform's own terms: Shopify's cost bucket (points),
/// eBay's daily call quotas from the Developer Analytics API (the tightest Sell resource, asked at most once a minute
/// because the overview is refreshed often), and Reverb's 429 answers per shop (it publishes no remaining-calls figure).
/// </summary>
internal sealed class PlatformQuotaProbe(IServiceProvider services, TimeProvider time)
{
    private static readonly TimeSpan EbayCacheFor = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan EbayTimeout = TimeSpan.FromSeconds(3);

    private readonly SemaphoreSlim _ebayGate = new(1, 1);
    private (DateTimeOffset At, object Value)? _ebay;

    public async Task<object?> HeadroomAsync(Shared.Catalog.Platform platform, CancellationToken ct) => platform switch
    {
        Shared.Catalog.Platform.Shopify when services.GetService<ShopifyClient>()?.Pacer is { } pacer => new
        {
            kind = "points", available = pacer.Status.CurrentlyAvailable, maximum = pacer.Status.MaximumAvailable,
            restoreRate = pacer.Status.RestoreRate, throttled = pacer.ThrottledCount,
        },
        Shared.Catalog.Platform.Ebay when services.GetService<EbayClient>() is { } ebay => await EbayAsync(ebay, ct),
        Shared.Catalog.Platform.Reverb when services.GetService<ReverbAccounts>() is { } accounts => Reverb(accounts.All),
        _ => null,
    };

    /// <summary>
    /// Reverb's 429 answers over every shop (each shop has its own token, so its own limit): the total, the latest one,
    /// and each shop's own figures (<c>shops</c>) so the shop being throttled can be told.
    /// </summary>
    private static object Reverb(IReadOnlyList<ReverbAccount> accounts)
    {
        var shops = accounts.Select(a => (a.Key, a.Client.Throttling)).ToList();
        var latest = shops.Where(s => s.Throttling.LastAt is not null).OrderByDescending(s => s.Throttling.LastAt).FirstOrDefault();
        return new
        {
            kind = "throttle", throttled = shops.Sum(s => s.Throttling.Count), lastAt = latest.Throttling?.LastAt,
            lastRetryAfterSeconds = latest.Throttling?.LastRetryAfter?.TotalSeconds, lastShop = latest.Key,
            shops = shops.Select(s => new
            {
                shop = s.Key, throttled = s.Throttling.Count, lastAt = s.Throttling.LastAt, lastRetryAfterSeconds = s.Throttling.LastRetryAfter?.TotalSeconds,
            }),
        };
    }

    private async Task<object> EbayAsync(EbayClient ebay, CancellationToken ct)
    {
        await _ebayGate.WaitAsync(ct);
        try
        {
            if (_ebay is { } cached && time.GetUtcNow() - cached.At < EbayCacheFor)
            {
                return cached.Value;
            }

            var value = await AskEbayAsync(ebay, ct);
            _ebay = (time.GetUtcNow(), value);
            return value;
        }
        finally
        {
            _ebayGate.Release();
        }
    }

    private static async Task<object> AskEbayAsync(EbayClient ebay, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(EbayTimeout);
        try
        {
            var tightest = (await ebay.GetUserRateLimitsAsync("sell", cancellationToken: timeout.Token))
                .SelectMany(api => api.Resources ?? [])
                .SelectMany(resource => (resource.Rates ?? []).Where(r => r.Limit > 0).Select(rate => (resource.Name, Rate: rate)))
                .OrderBy(r => (double)(r.Rate.Remaining ?? 0) / r.Rate.Limit!.Value)
                .FirstOrDefault();
            return tightest.Rate is null
                ? new { kind = "calls", resource = (string?)null, remaining = (int?)null, limit = (int?)null, reset = (DateTimeOffset?)null, timeWindow = (int?)null, error = (string?)null }
                : new { kind = "calls", resource = tightest.Name, remaining = tightest.Rate.Remaining, limit = tightest.Rate.Limit, reset = tightest.Rate.Reset, timeWindow = tightest.Rate.TimeWindow, error = (string?)null };
        }
        catch (Exception ex) when (ex is MarketplaceException || (ex is OperationCanceledException && !ct.IsCancellationRequested))
        {
            // The quota is advisory: the overview shows why it is missing instead of failing.
            return new { kind = "calls", resource = (string?)null, remaining = (int?)null, limit = (int?)null, reset = (DateTimeOffset?)null, timeWindow = (int?)null, error = (string?)ex.Message };
        }
    }
}
