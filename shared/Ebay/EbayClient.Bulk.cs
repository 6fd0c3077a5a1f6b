using System.Collections.Concurrent;
using System.Globalization;
using System.Net;

namespace Marketplace.Shared.Ebay;

public sealed partial class EbayClient
{
    /// <summary>eBay's documented maximum of SKUs (inventory items) per <c>bulk_update_price_quantity</c> call.</summary>
    public const int BulkBatchSize = 25;

    /// <summary>
    /// <c>POST /sell/inventory/v1/bulk_update_price_quantity</c> in batches of at most <see cref="BulkBatchSize"/> SKUs,
    /// <see cref="EbayClientOptions.BulkConcurrency"/> batches at a time.
    /// Quantity goes to the inventory item's ship-to-home quantity and, when the SKU's offer is known, to the offer;
    /// price needs the offer (looked up when not cached). Returns one result per input SKU, in input order, mapped
    /// from eBay's per-offer/per-SKU responses: a partial failure (HTTP 207) fails only its SKUs. A SKU whose listing
    /// reached today's revision limit is not sent and reported with status 429 and no eBay errors.
    /// Throws for whole-call failures (auth, daily quota, transport).
    /// </summary>
    public async Task<IReadOnlyList<EbayPriceQuantityResult>> BulkUpdatePriceQuantityAsync(IEnumerable<EbayPriceQuantityUpdate> updates, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(updates);
        var list = updates.ToList();
        var results = new ConcurrentDictionary<string, EbayPriceQuantityResult>(StringComparer.Ordinal);
        // One entry per SKU and call: a later update of the same SKU replaces an earlier one.
        var unique = list.GroupBy(u => u.Sku, StringComparer.Ordinal).Select(g => g.Last()).ToList();
        var prepared = new (EbayPriceQuantityUpdate Update, string? OfferId)?[unique.Count];
        // Reservations may each be a storage round trip (shared counter): taken concurrently, sent in input order.
        await Parallel.ForEachAsync(
            Enumerable.Range(0, unique.Count),
            new ParallelOptions { MaxDegreeOfParallelism = BulkBatchSize, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                var update = unique[i];
                if (!await Revisions.TryReserveAsync(update.Sku, ct))
                {
                    results[update.Sku] = new EbayPriceQuantityResult(update.Sku, (int)HttpStatusCode.TooManyRequests, []);
                    return;
                }

                var offerId = update.Price is not null ? await OfferIdAsync(update.Sku, ct) : _offerIds.GetValueOrDefault(update.Sku);
                prepared[i] = (update, offerId);
            });
        var toSend = prepared.OfType<(EbayPriceQuantityUpdate Update, string? OfferId)>().ToList();

        var answered = new ConcurrentBag<EbayPriceQuantityResult>();
        await Parallel.ForEachAsync(
            toSend.Chunk(BulkBatchSize),
            new ParallelOptions { MaxDegreeOfParallelism = _options.BulkConcurrency, CancellationToken = cancellationToken },
            async (batch, ct) =>
            {
                foreach (var result in await SendBulkBatchAsync(batch, ct))
                {
                    answered.Add(result);
                }
            });
        foreach (var result in answered)
        {
            results[result.Sku] = result;
        }

        return list.Select(u => results.TryGetValue(u.Sku, out var r) ? r : new EbayPriceQuantityResult(u.Sku, 0, [new EbayError(0, null, null, "eBay returned no result for this SKU.", new Dictionary<string, string>())])).ToList();
    }

    private async Task<IEnumerable<EbayPriceQuantityResult>> SendBulkBatchAsync((EbayPriceQuantityUpdate Update, string? OfferId)[] batch, CancellationToken cancellationToken)
    {
        var body = new BulkRequest(batch.Select(b => new PriceQuantity(
            b.Update.Sku,
            b.Update.Quantity is { } q ? new EbayShipToLocationAvailability(q) : null,
            b.OfferId is null ? null : [new OfferPriceQuantity(b.OfferId, b.Update.Quantity, b.Update.Price is { } p ? new EbayAmount(p.ToString("0.00", CultureInfo.InvariantCulture), b.Update.Currency) : null)])).ToList());
        var response = await SendAsync("bulkUpdatePriceQuantity", () => Request(HttpMethod.Post, "/sell/inventory/v1/bulk_update_price_quantity", body), retrySafe: true, cancellationToken);
        var answer = await ReadAsync<BulkResponse>(response, cancellationToken);
        return batch.Select(b =>
        {
            var entries = (answer.Responses ?? []).Where(r => r.Sku == b.Update.Sku || (b.OfferId is not null && r.OfferId == b.OfferId)).ToList();
            if (entries.Count == 0)
            {
                return new EbayPriceQuantityResult(b.Update.Sku, 0, [new EbayError(0, null, null, "eBay returned no response entry for this SKU.", new Dictionary<string, string>())]);
            }

            var failed = entries.FirstOrDefault(e => e.StatusCode is < 200 or >= 300 || e.Errors is { Count: > 0 });
            var errors = entries.SelectMany(e => e.Errors ?? []).Select(ToError).ToList();
            return new EbayPriceQuantityResult(b.Update.Sku, failed?.StatusCode ?? entries[0].StatusCode, errors);
        });
    }

    private sealed record BulkRequest(IReadOnlyList<PriceQuantity> Requests);

    private sealed record PriceQuantity(string Sku, EbayShipToLocationAvailability? ShipToLocationAvailability, IReadOnlyList<OfferPriceQuantity>? Offers);

    private sealed record OfferPriceQuantity(string OfferId, int? AvailableQuantity, EbayAmount? Price);

    private sealed record BulkResponse(IReadOnlyList<PriceQuantityResponse>? Responses);

    private sealed record PriceQuantityResponse(int StatusCode, string? Sku, string? OfferId, IReadOnlyList<EbayErrorEntry>? Errors, IReadOnlyList<EbayErrorEntry>? Warnings);
}
