using System.Text.Json.Nodes;

namespace Marketplace.Sandbox.Ebay;

/// <summary>The eBay sandbox's in-memory seller account: tokens, inventory items, offers, listings, orders and call counters.</summary>
public sealed partial class EbaySandboxState(EbaySandboxOptions options, TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (DateTimeOffset Expires, bool User)> _tokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsonObject> _items = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SandboxOffer> _offers = new(StringComparer.Ordinal);
    private readonly List<JsonObject> _orders = [];
    private readonly Dictionary<string, (DateOnly Day, int Count)> _revisions = new(StringComparer.Ordinal);
    private (DateOnly Day, int Count) _calls;
    private long _nextId = 100_000_000;

    public EbaySandboxOptions Options => options;

    /// <summary>Latency and fault dice of the REST APIs.</summary>
    public SandboxFaultInjector Faults { get; } = new(options.Faults);

    public TimeProvider Time => time;

    /// <summary>Access tokens minted so far (per grant).</summary>
    public int TokensMinted { get; private set; }

    /// <summary>createOffer calls that created an offer.</summary>
    public int OffersCreated { get; private set; }

    /// <summary>bulk_update_price_quantity calls received.</summary>
    public int BulkCalls { get; private set; }

    /// <summary>A user token (refresh-token grant) by default; an application token (client credentials) otherwise.</summary>
    public string MintToken(bool user = true)
    {
        lock (_gate)
        {
            var token = "v^1.1#i^1#sandbox#" + Guid.NewGuid().ToString("N");
            _tokens[token] = (time.GetUtcNow() + options.TokenLifetime, user);
            TokensMinted++;
            return token;
        }
    }

    public bool IsValidToken(string token)
    {
        lock (_gate)
        {
            return _tokens.TryGetValue(token, out var entry) && entry.Expires > time.GetUtcNow();
        }
    }

    public bool IsUserToken(string token)
    {
        lock (_gate)
        {
            return _tokens.TryGetValue(token, out var entry) && entry.User;
        }
    }

    /// <summary>Expires every token now (to test 401 handling).</summary>
    public void RevokeTokens()
    {
        lock (_gate)
        {
            _tokens.Clear();
        }
    }

    /// <summary>Counts one API call against the daily limit; false when the limit is used up.</summary>
    public bool TryCountCall()
    {
        lock (_gate)
        {
            var today = PacificToday();
            if (_calls.Day != today)
            {
                _calls = (today, 0);
            }

            if (options.DailyCallLimit is { } limit && _calls.Count >= limit)
            {
                return false;
            }

            _calls.Count++;
            return true;
        }
    }

    /// <summary>API calls counted today and when the count resets (the next Pacific midnight).</summary>
    public (int Count, DateTimeOffset Reset) DailyCalls()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles");
        lock (_gate)
        {
            var today = PacificToday();
            var midnight = today.AddDays(1).ToDateTime(TimeOnly.MinValue);
            return (_calls.Day == today ? _calls.Count : 0, new DateTimeOffset(midnight, zone.GetUtcOffset(midnight)).ToUniversalTime());
        }
    }

    public string NextId()
    {
        lock (_gate)
        {
            return (++_nextId).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    public JsonObject? GetItem(string sku)
    {
        lock (_gate)
        {
            return _items.TryGetValue(sku, out var item) ? (JsonObject)item.DeepClone() : null;
        }
    }

    /// <summary>One page of inventory items in SKU order, and how many there are.</summary>
    public (IReadOnlyList<JsonObject> Page, int Total) ListItems(int offset, int limit)
    {
        lock (_gate)
        {
            var page = _items.OrderBy(i => i.Key, StringComparer.Ordinal).Skip(offset).Take(limit).Select(i => (JsonObject)i.Value.DeepClone()).ToList();
            return (page, _items.Count);
        }
    }

    public void PutItem(string sku, JsonObject item)
    {
        lock (_gate)
        {
            item["sku"] = sku;
            _items[sku] = item;
        }
    }

    /// <summary>Offers for a SKU (tests assert there is exactly one).</summary>
    public IReadOnlyList<SandboxOffer> OffersFor(string sku)
    {
        lock (_gate)
        {
            return _offers.Values.Where(o => o.Sku == sku).Select(o => o.Clone()).ToList();
        }
    }

    public SandboxOffer? GetOffer(string offerId)
    {
        lock (_gate)
        {
            return _offers.TryGetValue(offerId, out var offer) ? offer.Clone() : null;
        }
    }

    /// <summary>Creates the offer unless one exists for SKU + marketplace + format (then returns that one's id and false).</summary>
    public (string OfferId, bool Created) CreateOffer(SandboxOffer offer)
    {
        lock (_gate)
        {
            var existing = _offers.Values.FirstOrDefault(o => o.Sku == offer.Sku && o.MarketplaceId == offer.MarketplaceId && o.Format == offer.Format);
            if (existing is not null)
            {
                return (existing.OfferId, false);
            }

            offer.OfferId = (++_nextId).ToString(System.Globalization.CultureInfo.InvariantCulture);
            _offers[offer.OfferId] = offer;
            OffersCreated++;
            return (offer.OfferId, true);
        }
    }

    /// <summary>Applies a change to a stored offer under the lock.</summary>
    public T UpdateOffer<T>(string offerId, Func<SandboxOffer, T> change)
    {
        lock (_gate)
        {
            return change(_offers[offerId]);
        }
    }

    /// <summary>Counts a revision of a live listing; false when today's limit is reached.</summary>
    public bool TryRevise(string sku)
    {
        lock (_gate)
        {
            var today = PacificToday();
            var current = _revisions.TryGetValue(sku, out var r) && r.Day == today ? r.Count : 0;
            if (current >= options.RevisionsPerListingPerDay)
            {
                return false;
            }

            _revisions[sku] = (today, current + 1);
            return true;
        }
    }

    public void CountBulkCall()
    {
        lock (_gate)
        {
            BulkCalls++;
        }
    }

    private DateOnly PacificToday()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles");
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), zone).DateTime);
    }
}

/// <summary>One stored offer.</summary>
public sealed class SandboxOffer
{
    public string OfferId { get; set; } = string.Empty;

    public required string Sku { get; set; }

    public required string MarketplaceId { get; set; }

    public string Format { get; set; } = "FIXED_PRICE";

    public required JsonObject Body { get; set; }

    public string Status { get; set; } = "UNPUBLISHED";

    public string? ListingId { get; set; }

    public string? ListingStatus { get; set; }

    /// <summary>When the current listing went live (each publish that creates a listing sets it; a relist starts a new one).</summary>
    public DateTimeOffset? ListingStartDate { get; set; }

    public SandboxOffer Clone() => new()
    {
        OfferId = OfferId,
        Sku = Sku,
        MarketplaceId = MarketplaceId,
        Format = Format,
        Body = (JsonObject)Body.DeepClone(),
        Status = Status,
        ListingId = ListingId,
        ListingStatus = ListingStatus,
        ListingStartDate = ListingStartDate,
    };

    public JsonObject ToJson()
    {
        var json = (JsonObject)Body.DeepClone();
        json["offerId"] = OfferId;
        json["sku"] = Sku;
        json["marketplaceId"] = MarketplaceId;
        json["format"] = Format;
        json["status"] = Status;
        if (ListingId is not null)
        {
            json["listing"] = new JsonObject { ["listingId"] = ListingId, ["listingStatus"] = ListingStatus };
        }

        return json;
    }
}
