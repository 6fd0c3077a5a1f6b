using System.Globalization;
using System.Text.Json.Nodes;
using Marketplace.Sandbox.Ebay;

namespace Marketplace.Sandbox.Reverb;

/// <summary>The Reverb sandbox's in-memory shop: listings (duplicates by SKU allowed, as on Reverb) and selling orders.</summary>
public sealed partial class ReverbSandboxState(ReverbSandboxOptions options, TimeProvider time, ReverbSandboxIds? ids = null)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<long, JsonObject> _listings = [];

    // Reverb looks listings up by SKU in an index; a scan of every listing per call made the sandbox the bottleneck at 10,000.
    private readonly Dictionary<string, SortedSet<long>> _bySku = new(StringComparer.Ordinal);
    private readonly List<JsonObject> _orders = [];

    public ReverbSandboxOptions Options => options;

    /// <summary>The id sequence (shared by the shops of one sandbox).</summary>
    public ReverbSandboxIds Ids { get; } = ids ?? new ReverbSandboxIds();

    public SandboxFaultInjector Faults { get; } = new(options.Faults);

    /// <summary>
    /// The shop's shipping profile ids: a listing written with another shop's profile is refused, as Reverb refuses a
    /// profile the seller does not own. Empty (the default): any id is taken. Set before the shop is used.
    /// </summary>
    public ISet<long> ShippingProfiles { get; } = new HashSet<long>();

    /// <summary>True when <paramref name="id"/> is one of <see cref="ShippingProfiles"/>, or none are set.</summary>
    public bool OwnsShippingProfile(string? id)
    {
        lock (_gate)
        {
            return ShippingProfiles.Count == 0
                || (long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var profile) && ShippingProfiles.Contains(profile));
        }
    }

    /// <summary>POST /api/listings calls that created a listing.</summary>
    public int ListingsCreated { get; private set; }

    /// <summary>PUT calls that changed a listing, with the field names each sent (tests check "only changed fields").</summary>
    public List<IReadOnlyList<string>> Updates { get; } = [];

    public JsonObject Create(JsonObject body)
    {
        lock (_gate)
        {
            var id = Ids.Next();
            var now = Iso(time.GetUtcNow());
            var listing = new JsonObject
            {
                ["id"] = id,
                ["created_at"] = now,
                ["updated_at"] = now,
                ["state"] = State("draft"),
                ["stats"] = new JsonObject { ["views"] = 0, ["watches"] = 0 },
                ["_links"] = new JsonObject
                {
                    ["self"] = new JsonObject { ["href"] = $"/api/listings/{id}" },
                    ["web"] = new JsonObject { ["href"] = $"https://reverb.com/item/{id}" },
                },
            };
            Apply(listing, body);
            _listings[id] = listing;
            Index(null, listing);
            ListingsCreated++;
            return (JsonObject)listing.DeepClone();
        }
    }

    public JsonObject? Get(long id)
    {
        lock (_gate)
        {
            return _listings.TryGetValue(id, out var listing) ? (JsonObject)listing.DeepClone() : null;
        }
    }

    /// <summary>
    /// One page of the shop's listings as <c>/api/my/listings</c> serves them: in <paramref name="state"/> (<c>all</c> for
    /// every state), with <paramref name="sku"/> when given, oldest first.
    /// </summary>
    public (IReadOnlyList<JsonObject> Page, int Total) ListListings(string? sku, string state, int page, int perPage)
    {
        lock (_gate)
        {
            var matching = (sku is null ? _listings.Values.OrderBy(l => l["id"]!.GetValue<long>()) : WithSku(sku))
                .Where(l => state == "all" || Slug(l) == state)
                .ToList();
            return (matching.Skip((page - 1) * perPage).Take(perPage).Select(l => (JsonObject)l.DeepClone()).ToList(), matching.Count);
        }
    }

    public IReadOnlyList<JsonObject> FindBySku(string sku, bool liveOnly)
    {
        lock (_gate)
        {
            return WithSku(sku)
                .Where(l => !liveOnly || Slug(l) == "live")
                .Select(l => (JsonObject)l.DeepClone())
                .ToList();
        }
    }

    public JsonObject Update(long id, JsonObject changes)
    {
        lock (_gate)
        {
            var listing = _listings[id];
            var sku = SkuOf(listing);
            Apply(listing, changes);
            Index(sku, listing);
            listing["updated_at"] = Iso(time.GetUtcNow());
            // Publishing a draft makes it live; so does publishing an ended or sold-out listing again (a relist).
            if (changes["publish"]?.GetValue<bool>() == true && Slug(listing) is "draft" or "ended" or "sold_out")
            {
                listing["state"] = State("live");
                listing["published_at"] = listing["updated_at"]!.DeepClone();
            }

            Updates.Add(changes.Select(c => c.Key).ToList());
            return (JsonObject)listing.DeepClone();
        }
    }

    public void SetState(long id, string slug)
    {
        lock (_gate)
        {
            _listings[id]["state"] = State(slug);
            _listings[id]["updated_at"] = Iso(time.GetUtcNow());
            if (slug == "live")
            {
                _listings[id]["published_at"] = Iso(time.GetUtcNow());
            }
        }
    }

    /// <summary>A buyer buys <paramref name="quantity"/> of the live listing with <paramref name="sku"/>: records the order and takes the stock.</summary>
    public JsonObject CreateOrder(string sku, int quantity)
    {
        lock (_gate)
        {
            var listing = WithSku(sku).First(l => Slug(l) == "live");
            var remaining = Math.Max(0, (listing["inventory"]?.GetValue<int>() ?? 1) - quantity);
            listing["inventory"] = remaining;
            listing["updated_at"] = Iso(time.GetUtcNow());
            if (remaining == 0)
            {
                listing["state"] = State("sold_out");
            }

            var now = Iso(time.GetUtcNow());
            var number = (Ids.Next()).ToString(CultureInfo.InvariantCulture);
            var price = listing["price"]!;
            var order = new JsonObject
            {
                ["order_number"] = number,
                ["product_id"] = listing["id"]!.GetValue<long>(),
                ["sku"] = sku,
                ["title"] = listing["title"]?.DeepClone(),
                ["quantity"] = quantity,
                ["amount_product"] = new JsonObject
                {
                    ["amount"] = (decimal.Parse(price["amount"]!.GetValue<string>(), CultureInfo.InvariantCulture) * quantity).ToString("0.00", CultureInfo.InvariantCulture),
                    ["currency"] = price["currency"]!.DeepClone(),
                },
                ["status"] = "paid",
                ["created_at"] = now,
                ["updated_at"] = now,
                ["_links"] = new JsonObject { ["self"] = new JsonObject { ["href"] = $"/api/my/orders/selling/{number}" } },
            };
            _orders.Add(order);
            return (JsonObject)order.DeepClone();
        }
    }

    /// <summary>The <c>inventory</c> of the listing with <paramref name="sku"/> (the newest one; null when there is none).</summary>
    public int? InventoryOf(string sku)
    {
        lock (_gate)
        {
            return WithSku(sku).LastOrDefault()?["inventory"]?.GetValue<int>();
        }
    }

    /// <summary>The order moves to <paramref name="status"/> (e.g. <c>cancelled</c>, <c>refunded</c>); <c>updated_at</c> is now. False when there is no such order.</summary>
    public bool SetOrderStatus(string orderNumber, string status)
    {
        lock (_gate)
        {
            var order = _orders.FirstOrDefault(o => o["order_number"]!.GetValue<string>() == orderNumber);
            if (order is null)
            {
                return false;
            }

            order["status"] = status;
            order["updated_at"] = Iso(time.GetUtcNow());
            return true;
        }
    }

    public JsonObject? GetOrder(string orderNumber)
    {
        lock (_gate)
        {
            return _orders.FirstOrDefault(o => o["order_number"]!.GetValue<string>() == orderNumber)?.DeepClone() as JsonObject;
        }
    }

    public IReadOnlyList<JsonObject> OrdersUpdatedSince(DateTimeOffset since)
    {
        lock (_gate)
        {
            return _orders.Where(o => DateTimeOffset.Parse(o["updated_at"]!.GetValue<string>(), CultureInfo.InvariantCulture) >= since)
                .Select(o => (JsonObject)o.DeepClone()).ToList();
        }
    }

    internal static string Slug(JsonObject listing) => listing["state"]?["slug"]?.GetValue<string>() ?? "draft";

    private static JsonObject State(string slug) => new() { ["slug"] = slug, ["description"] = CultureInfo.InvariantCulture.TextInfo.ToTitleCase(slug.Replace('_', ' ')) };

    private static void Apply(JsonObject listing, JsonObject body)
    {
        foreach (var (key, value) in body)
        {
            if (key is "publish" or "id" or "state")
            {
                continue;
            }

            // Reverb stores photos and answers with processed copies, not the URLs sent.
            listing[key] = key == "photos" && value is JsonArray urls
                ? new JsonArray(urls.Select(u => (JsonNode)new JsonObject { ["_links"] = new JsonObject { ["full"] = new JsonObject { ["href"] = u!.GetValue<string>() } } }).ToArray())
                : value?.DeepClone();
        }
    }

    private static string Iso(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static string? SkuOf(JsonObject listing) => listing["sku"]?.GetValue<string>();

    /// <summary>The listings with <paramref name="sku"/>, oldest first (callers hold the gate).</summary>
    private IEnumerable<JsonObject> WithSku(string sku) =>
        _bySku.TryGetValue(sku, out var found) ? found.Select(id => _listings[id]) : [];

    private void Index(string? previousSku, JsonObject listing)
    {
        var id = listing["id"]!.GetValue<long>();
        var sku = SkuOf(listing);
        if (previousSku == sku && previousSku is not null)
        {
            return;
        }

        if (previousSku is not null && _bySku.TryGetValue(previousSku, out var old))
        {
            old.Remove(id);
        }

        if (sku is not null)
        {
            (_bySku.TryGetValue(sku, out var same) ? same : _bySku[sku] = []).Add(id);
        }
    }
}
