using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;

namespace Marketplace.Shared.Ebay;

public sealed partial class EbayClient
{
    private const int OrderPageSize = 200;
    private readonly ConcurrentDictionary<string, (EbayPublicKey Key, DateTimeOffset Until)> _publicKeys = new(StringComparer.Ordinal);

    /// <summary>
    /// Fulfillment <c>getOrders</c> filtered by <c>lastmodifieddate:[since..]</c>, paged with limit/offset.
    /// The reconciliation path for sales: at least once (an order modified again shows up again).
    /// </summary>
    public async IAsyncEnumerable<EbayOrder> GetOrdersAsync(DateTimeOffset modifiedSince, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var filter = Uri.EscapeDataString($"lastmodifieddate:[{modifiedSince.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)}..]");
        for (var offset = 0; ; offset += OrderPageSize)
        {
            var path = $"/sell/fulfillment/v1/order?filter={filter}&limit={OrderPageSize}&offset={offset}";
            var response = await SendAsync("getOrders", () => Request(HttpMethod.Get, path), retrySafe: true, cancellationToken);
            var page = await ReadAsync<EbayOrderPage>(response, cancellationToken);
            foreach (var order in page.Orders ?? [])
            {
                yield return order;
            }

            if (page.Next is null || (page.Orders?.Count ?? 0) == 0)
            {
                yield break;
            }
        }
    }

    /// <summary>Fulfillment <c>getOrder</c>, or null when eBay does not know the order (404).</summary>
    public async Task<EbayOrder?> GetOrderAsync(string orderId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(orderId);
        try
        {
            var response = await SendAsync("getOrder", () => Request(HttpMethod.Get, $"/sell/fulfillment/v1/order/{Uri.EscapeDataString(orderId)}"), retrySafe: true, cancellationToken);
            return await ReadAsync<EbayOrder>(response, cancellationToken);
        }
        catch (EbayException ex) when (ex.Status is HttpStatusCode.NotFound or HttpStatusCode.BadRequest)
        {
            return null;
        }
    }

    /// <summary>
    /// Notification API <c>getPublicKey</c> (application token), cached per key id for
    /// <see cref="EbayClientOptions.PublicKeyCacheDuration"/> as eBay asks. Null when eBay does not know the key id.
    /// </summary>
    public async Task<EbayPublicKey?> GetPublicKeyAsync(string keyId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(keyId);
        var now = _time.GetUtcNow();
        if (_publicKeys.TryGetValue(keyId, out var cached) && cached.Until > now)
        {
            return cached.Key;
        }

        try
        {
            var response = await SendAsync("getPublicKey", () => Request(HttpMethod.Get, $"/commerce/notification/v1/public_key/{Uri.EscapeDataString(keyId)}"), retrySafe: true, cancellationToken, EbayGrant.ClientCredentials);
            var key = await ReadAsync<EbayPublicKey>(response, cancellationToken);
            _publicKeys[keyId] = (key, now + _options.PublicKeyCacheDuration);
            return key;
        }
        catch (EbayException ex) when (ex.Status is HttpStatusCode.NotFound or HttpStatusCode.BadRequest)
        {
            return null;
        }
    }
}
