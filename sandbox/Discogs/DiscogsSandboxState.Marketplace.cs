using System.Globalization;
using System.Text.Json.Nodes;

namespace Marketplace.Sandbox.Discogs;

public sealed partial class DiscogsSandboxState
{
    /// <summary>The seller's listings with a status filter (<c>All</c> or a status), newest first.</summary>
    public IReadOnlyList<JsonObject> Inventory(string? status)
    {
        lock (_gate)
        {
            return _listings.Values.Reverse()
                .Where(l => string.IsNullOrEmpty(status) || status == "All" || l["status"]!.GetValue<string>() == status)
                .Select(l => (JsonObject)l.DeepClone()).ToList();
        }
    }

    public JsonObject? Listing(long id)
    {
        lock (_gate)
        {
            return _listings.TryGetValue(id, out var listing) ? (JsonObject)listing.DeepClone() : null;
        }
    }

    /// <summary>Creates a listing from a validated body; returns its id.</summary>
    public long CreateListing(JsonObject body)
    {
        lock (_gate)
        {
            var id = _nextListing++;
            _listings[id] = Apply(new JsonObject { ["id"] = id, ["posted"] = Iso(Time.GetUtcNow()), ["uri"] = $"https://www.discogs.com/sell/item/{id}" }, body);
            return id;
        }
    }

    /// <summary>Replaces the listing's editable fields; false when there is no such listing.</summary>
    public bool UpdateListing(long id, JsonObject body)
    {
        lock (_gate)
        {
            if (!_listings.TryGetValue(id, out var listing))
            {
                return false;
            }

            _listings[id] = Apply(listing, body);
            return true;
        }
    }

    public bool DeleteListing(long id)
    {
        lock (_gate)
        {
            return _listings.Remove(id);
        }
    }

    /// <summary>Sandbox only: a buyer orders the listing (it becomes Sold). Null when it is not for sale.</summary>
    public JsonObject? CreateOrder(long listingId)
    {
        lock (_gate)
        {
            if (!_listings.TryGetValue(listingId, out var listing) || listing["status"]!.GetValue<string>() != "For Sale")
            {
                return null;
            }

            listing["status"] = "Sold";
            var order = new JsonObject
            {
                ["id"] = $"1-{_orders.Count + 1}",
                ["status"] = "Payment Pending",
                ["created"] = Iso(Time.GetUtcNow()),
                ["items"] = new JsonArray(new JsonObject { ["id"] = listingId, ["release"] = listing["release"]!.DeepClone(), ["price"] = listing["price"]!.DeepClone() }),
                ["total"] = listing["price"]!.DeepClone(),
            };
            _orders.Add(order);
            return (JsonObject)order.DeepClone();
        }
    }

    /// <summary>
    /// Sandbox only: the buyer's orders <paramref name="ids"/> are combined into a new order holding all their items, and each
    /// becomes <c>Merged</c>, as Discogs does when a buyer merges orders from one seller. Null unless two or more open orders.
    /// </summary>
    public JsonObject? MergeOrders(IReadOnlyCollection<string> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        lock (_gate)
        {
            var merged = _orders.Where(o => ids.Contains(o["id"]!.GetValue<string>()) && o["status"]!.GetValue<string>() is var status && status != "Merged" && !status.StartsWith("Cancelled", StringComparison.Ordinal)).ToList();
            if (merged.Count < 2 || merged.Count != ids.Count)
            {
                return null;
            }

            var order = new JsonObject
            {
                ["id"] = $"1-{_orders.Count + 1}",
                ["status"] = "New Order",
                ["created"] = Iso(Time.GetUtcNow()),
                ["items"] = new JsonArray(merged.SelectMany(o => o["items"]!.AsArray()).Select(i => i!.DeepClone()).ToArray()),
                ["total"] = merged[0]["total"]!.DeepClone(),
            };
            merged.ForEach(o => o["status"] = "Merged");
            _orders.Add(order);
            return (JsonObject)order.DeepClone();
        }
    }

    /// <summary>
    /// Edits an order's status (<c>POST /marketplace/orders/{id}</c>), as the seller does; a cancelled order's records go
    /// back on sale, as Discogs relists the items of a cancelled order. Null when there is no such order.
    /// </summary>
    public JsonObject? UpdateOrder(string id, string status)
    {
        ArgumentException.ThrowIfNullOrEmpty(status);
        lock (_gate)
        {
            if (_orders.FirstOrDefault(o => o["id"]!.GetValue<string>() == id) is not { } order)
            {
                return null;
            }

            order["status"] = status;
            order["last_activity"] = Iso(Time.GetUtcNow());
            if (status.StartsWith("Cancelled", StringComparison.Ordinal))
            {
                foreach (var item in order["items"]!.AsArray())
                {
                    if (_listings.TryGetValue(item!["id"]!.GetValue<long>(), out var listing) && listing["status"]!.GetValue<string>() == "Sold")
                    {
                        listing["status"] = "For Sale";
                    }
                }
            }

            return (JsonObject)order.DeepClone();
        }
    }

    /// <summary>Orders created at or after <paramref name="createdAfter"/>, oldest first.</summary>
    public IReadOnlyList<JsonObject> Orders(DateTimeOffset? createdAfter)
    {
        lock (_gate)
        {
            return _orders.Where(o => createdAfter is null || DateTimeOffset.Parse(o["created"]!.GetValue<string>(), CultureInfo.InvariantCulture) >= createdAfter)
                .Select(o => (JsonObject)o.DeepClone()).ToList();
        }
    }

    private JsonObject Apply(JsonObject listing, JsonObject body)
    {
        var releaseId = body["release_id"]!.GetValue<long>();
        var release = _releases[releaseId];
        var artist = string.Join(", ", Array(release, "artists").Select(a => a["name"]?.GetValue<string>()));
        listing["status"] = body["status"]?.GetValue<string>() ?? "For Sale";
        listing["condition"] = body["condition"]!.GetValue<string>();
        listing["sleeve_condition"] = body["sleeve_condition"]?.GetValue<string>() ?? "Generic";
        listing["price"] = new JsonObject { ["value"] = body["price"]!.GetValue<decimal>(), ["currency"] = Options.Currency };
        listing["comments"] = body["comments"]?.GetValue<string>() ?? string.Empty;
        listing["allow_offers"] = body["allow_offers"]?.GetValue<bool>() ?? false;
        listing["external_id"] = body["external_id"]?.GetValue<string>();
        listing["release"] = new JsonObject
        {
            ["id"] = releaseId,
            ["description"] = $"{artist} - {release["title"]?.GetValue<string>()}",
            ["catalog_number"] = Labels(release).Select(l => l["catno"]?.GetValue<string>()).FirstOrDefault(),
        };
        return listing;
    }
}
