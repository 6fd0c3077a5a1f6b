namespace Marketplace.Sandbox.Ebay;

public sealed partial class EbaySandboxState
{
    private readonly Dictionary<string, (int Views, int Impressions)> _traffic = new(StringComparer.Ordinal);

    /// <summary>The published offer whose live listing is <paramref name="listingId"/>, or null.</summary>
    public SandboxOffer? OfferForListing(string listingId)
    {
        lock (_gate)
        {
            return _offers.Values.FirstOrDefault(o => o.ListingId == listingId && o.Status == "PUBLISHED")?.Clone();
        }
    }

    /// <summary>Moves the start of the listing of <paramref name="sku"/> (tests of listing age); false when it has no live listing.</summary>
    public bool SetListingStart(string sku, DateTimeOffset startedAt)
    {
        lock (_gate)
        {
            var offer = _offers.Values.FirstOrDefault(o => o.Sku == sku && o.Status == "PUBLISHED");
            if (offer is null)
            {
                return false;
            }

            offer.ListingStartDate = startedAt;
            return true;
        }
    }

    /// <summary>Buyers' traffic of a listing as the traffic report counts it: page views and search/store impressions.</summary>
    public void SetListingTraffic(string listingId, int views, int impressions)
    {
        lock (_gate)
        {
            _traffic[listingId] = (views, impressions);
        }
    }

    /// <summary>The traffic of a listing (zero when none was recorded).</summary>
    public (int Views, int Impressions) TrafficOf(string listingId)
    {
        lock (_gate)
        {
            return _traffic.GetValueOrDefault(listingId);
        }
    }
}
