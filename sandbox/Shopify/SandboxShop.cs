using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace Marketplace.Sandbox.Shopify;

/// <summary>One shop's data, plan, bucket and faults. Data is guarded by <see cref="Gate"/>.</summary>
internal sealed class SandboxShop
{
    private readonly Random _dice;

    internal SandboxShop(string domain, long id, ShopifySandboxOptions options, TimeProvider time, ShopifySandboxFaults? faults)
    {
        Domain = domain;
        ShopId = id;
        Faults = faults ?? new ShopifySandboxFaults();
        _dice = new Random(Faults.Seed);
        Bucket = new SandboxLeakyBucket(options.BucketSize, options.RestoreRate, time);
        LocationId = 90_000_000 + id;
    }

    public string Domain { get; }
    public long ShopId { get; }
    public long LocationId { get; }
    public ShopifySandboxFaults Faults { get; set; }
    public SandboxLeakyBucket Bucket { get; }

    internal Lock Gate { get; } = new();
    internal Dictionary<long, SandboxProduct> Products { get; } = [];
    internal Dictionary<long, int> Inventory { get; } = [];
    internal Dictionary<string, long> Handles { get; } = new(StringComparer.Ordinal);
    internal Dictionary<string, long> MetafieldValues { get; } = new(StringComparer.Ordinal);
    internal Dictionary<string, long> Skus { get; } = new(StringComparer.OrdinalIgnoreCase);
    internal Dictionary<string, JsonNode?> IdempotentResults { get; } = new(StringComparer.Ordinal);
    internal List<SandboxOrder> Orders { get; } = [];
    internal Dictionary<long, (string Topic, string Uri, IReadOnlyList<string> MetafieldNamespaces)> Webhooks { get; } = [];
    internal HashSet<string> MetafieldDefinitions { get; } = new(StringComparer.Ordinal);
    internal ConcurrentDictionary<long, SandboxBulkOperation> BulkOperations { get; } = new();
    internal Dictionary<long, string> DeliveryProfiles { get; } = [];
    internal Dictionary<long, long> VariantProfiles { get; } = [];

    /// <summary>Requests answered with THROTTLED.</summary>
    public long ThrottledCount;

    /// <summary>Requests answered (any outcome).</summary>
    public long RequestCount;

    /// <summary>productSet executions that created a product (duplicate detection in tests).</summary>
    public long ProductsCreated;

    /// <summary>inventoryAdjustQuantities executions that changed a quantity.</summary>
    public long AdjustmentsApplied;

    /// <summary>Products currently in the shop.</summary>
    public int ProductCount { get { lock (Gate) { return Products.Count; } } }

    /// <summary>Available quantity of the variant with this SKU (null when there is none).</summary>
    public int? AvailableFor(string sku)
    {
        lock (Gate)
        {
            var variant = Products.Values.SelectMany(p => p.Variants).FirstOrDefault(v => v.Sku == sku);
            return variant is null ? null : Inventory.GetValueOrDefault(variant.InventoryItemId);
        }
    }

    /// <summary>The shipping weight of the variant with this SKU (its inventory item's measurement), or null.</summary>
    public (decimal Value, string Unit)? WeightOf(string sku)
    {
        lock (Gate)
        {
            return Products.Values.SelectMany(p => p.Variants).FirstOrDefault(v => v.Sku == sku) is { WeightUnit: { } unit } variant ? (variant.WeightValue, unit) : null;
        }
    }

    /// <summary>Products whose variant carries this SKU.</summary>
    public int CountWithSku(string sku)
    {
        lock (Gate)
        {
            return Products.Values.Count(p => p.Variants.Any(v => v.Sku == sku));
        }
    }

    /// <summary>Re-indexes a product after a write (handle, SKUs, metafield values); call under <see cref="Gate"/>.</summary>
    internal void Index(SandboxProduct product)
    {
        Unindex(product);
        Handles[product.Handle] = product.Id;
        foreach (var v in product.Variants.Where(v => v.Sku is not null))
        {
            Skus[v.Sku!] = product.Id;
        }

        foreach (var m in product.Metafields)
        {
            MetafieldValues[MetafieldKey(m.Namespace, m.Key, m.Value)] = product.Id;
        }
    }

    internal void Unindex(SandboxProduct product)
    {
        Handles.Remove(product.Handle);
        foreach (var v in product.Variants.Where(v => v.Sku is not null && Skus.GetValueOrDefault(v.Sku!) == product.Id))
        {
            Skus.Remove(v.Sku!);
        }

        foreach (var m in product.Metafields)
        {
            MetafieldValues.Remove(MetafieldKey(m.Namespace, m.Key, m.Value));
        }
    }

    internal static string MetafieldKey(string? ns, string? key, string? value) => $"{ns}\u0001{key}\u0001{value}";

    internal double Roll()
    {
        lock (_dice)
        {
            return _dice.NextDouble();
        }
    }
}

internal sealed class SandboxProduct
{
    public long Id { get; init; }
    public string Handle { get; set; } = string.Empty;
    public string Title { get; set; } = string.Empty;
    public string DescriptionHtml { get; set; } = string.Empty;
    public string Vendor { get; set; } = string.Empty;
    public string ProductType { get; set; } = string.Empty;
    public string? Category { get; set; }
    public string Status { get; set; } = "ACTIVE";
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
    public List<SandboxVariant> Variants { get; set; } = [];
    public List<SandboxMetafield> Metafields { get; set; } = [];
    public List<SandboxMedia> Media { get; set; } = [];
}

/// <summary>A variant; its inventory item's weight (<c>measurement.weight</c>) when one was set.</summary>
internal sealed record SandboxVariant(long Id, string? Sku, string Price, long InventoryItemId, decimal WeightValue = 0m, string? WeightUnit = null);

internal sealed record SandboxMetafield(long Id, string Namespace, string Key, string Type, string Value);

internal sealed record SandboxMedia(long Id, string Url, string? Alt);

internal sealed record SandboxOrder(long Id, DateTimeOffset CreatedAt, string Currency, IReadOnlyList<SandboxLineItem> Lines, DateTimeOffset? CancelledAt = null)
{
    public bool Test { get; init; }

    /// <summary>REST spelling (<c>paid</c>, <c>pending</c>, <c>voided</c>, <c>refunded</c>, ...); GraphQL shows it upper-case.</summary>
    public string FinancialStatus { get; init; } = "paid";

    public DateTimeOffset UpdatedAt { get; init; }

    public IReadOnlyList<SandboxRefund> Refunds { get; init; } = [];
}

internal sealed record SandboxRefund(long Id, DateTimeOffset CreatedAt, IReadOnlyList<SandboxRefundLine> Lines);

/// <summary>A refund line; <see cref="RestockType"/> in REST spelling (<c>no_restock</c>, <c>cancel</c>, <c>return</c>).</summary>
internal sealed record SandboxRefundLine(long Id, long LineItemId, int Quantity, string RestockType);

internal sealed record SandboxLineItem(long Id, string Sku, int Quantity, string Price, long VariantId, long ProductId);

internal sealed class SandboxBulkOperation
{
    public long Id { get; init; }
    public string Type { get; init; } = "QUERY";
    public string Status { get; set; } = "CREATED";
    public string? ErrorCode { get; set; }
    public long ObjectCount { get; set; }
    public string? ResultPath { get; set; }
    public long FileSize { get; set; }
    public Uri? Url { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? CompletedAt { get; set; }
}
