using System.Text.Json.Serialization;

namespace Marketplace.Shared.Ebay;

/// <summary>An amount as eBay sends it: a decimal string and an ISO currency code.</summary>
public sealed record EbayAmount(string Value, string Currency);

/// <summary>Inventory item (<c>createOrReplaceInventoryItem</c> / <c>getInventoryItem</c>), keyed by SKU.</summary>
public sealed record EbayInventoryItem
{
    /// <summary>Returned by eBay on reads; the SKU of a write is the path segment.</summary>
    public string? Sku { get; init; }

    public required EbayProduct Product { get; init; }

    /// <summary>eBay condition enum, for example <c>USED_EXCELLENT</c>.</summary>
    public string? Condition { get; init; }

    public string? ConditionDescription { get; init; }

    public EbayAvailability? Availability { get; init; }

    /// <summary>The shipping package: weight and dimensions (needed for calculated shipping, and weight surcharges).</summary>
    public EbayPackageWeightAndSize? PackageWeightAndSize { get; init; }
}

/// <summary>An inventory item's package (<c>packageWeightAndSize</c>).</summary>
public sealed record EbayPackageWeightAndSize(EbayDimensions? Dimensions, EbayWeight? Weight);

/// <summary>Package dimensions; <paramref name="Unit"/> is eBay's <c>LengthUnitOfMeasureEnum</c> (<c>CENTIMETER</c>).</summary>
public sealed record EbayDimensions(decimal Length, decimal Width, decimal Height, string Unit);

/// <summary>Package weight; <paramref name="Unit"/> is eBay's <c>WeightUnitOfMeasureEnum</c> (<c>KILOGRAM</c>).</summary>
public sealed record EbayWeight(decimal Value, string Unit);

/// <summary>The product part of an inventory item: title, description, item specifics (aspects) and images.</summary>
public sealed record EbayProduct
{
    public required string Title { get; init; }

    public string? Description { get; init; }

    public string? Brand { get; init; }

    public string? Mpn { get; init; }

    /// <summary>European Article Numbers (EAN-8 or EAN-13) of the product; eBay matches them to its catalog.</summary>
    public IReadOnlyList<string>? Ean { get; init; }

    /// <summary>Universal Product Codes (12 digits).</summary>
    public IReadOnlyList<string>? Upc { get; init; }

    /// <summary>Item specifics: name to values.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>>? Aspects { get; init; }

    public IReadOnlyList<string>? ImageUrls { get; init; }
}

/// <summary>Availability of an inventory item.</summary>
public sealed record EbayAvailability(EbayShipToLocationAvailability ShipToLocationAvailability);

/// <summary>The ship-to-home quantity: what a listing without an offer-level quantity offers.</summary>
public sealed record EbayShipToLocationAvailability(int Quantity);

/// <summary>An offer (<c>createOffer</c>/<c>updateOffer</c>/<c>getOffers</c>): the SKU's listing on one marketplace.</summary>
public sealed record EbayOffer
{
    public string? OfferId { get; init; }

    public required string Sku { get; init; }

    public required string MarketplaceId { get; init; }

    public string Format { get; init; } = "FIXED_PRICE";

    public int? AvailableQuantity { get; init; }

    public string? CategoryId { get; init; }

    public string? ListingDescription { get; init; }

    public EbayListingPolicies? ListingPolicies { get; init; }

    public EbayPricingSummary? PricingSummary { get; init; }

    public string? MerchantLocationKey { get; init; }

    /// <summary><c>UNPUBLISHED</c> or <c>PUBLISHED</c> (read only).</summary>
    public string? Status { get; init; }

    /// <summary>The live listing once published (read only).</summary>
    public EbayOfferListing? Listing { get; init; }
}

/// <summary>Business policy ids: payment, return and fulfillment (the shipping profile).</summary>
public sealed record EbayListingPolicies(string? PaymentPolicyId, string? ReturnPolicyId, string? FulfillmentPolicyId);

/// <summary>The offer's price.</summary>
public sealed record EbayPricingSummary(EbayAmount Price);

/// <summary>The live listing of a published offer.</summary>
public sealed record EbayOfferListing(string? ListingId, string? ListingStatus);

internal sealed record EbayInventoryItemPage(int Total, int Limit, string? Next, IReadOnlyList<EbayInventoryItem>? InventoryItems);

internal sealed record EbayOfferPage(int Total, IReadOnlyList<EbayOffer>? Offers);

internal sealed record EbayOfferCreated(string OfferId);

internal sealed record EbayPublishResult(string? ListingId);

/// <summary>One SKU's price and/or quantity change for <see cref="EbayClient.BulkUpdatePriceQuantityAsync"/>.</summary>
/// <param name="Sku">The SKU.</param>
/// <param name="Quantity">New available quantity, or null to leave it.</param>
/// <param name="Price">New price, or null to leave it (needs the SKU's offer, looked up when not cached).</param>
/// <param name="Currency">Currency of <paramref name="Price"/>.</param>
public sealed record EbayPriceQuantityUpdate(string Sku, int? Quantity, decimal? Price = null, string Currency = "EUR");

/// <summary>What eBay (or the revision guard) answered for one SKU of a bulk update.</summary>
/// <param name="Sku">The SKU.</param>
/// <param name="StatusCode">eBay's per-SKU HTTP status (200 when applied), or 429 when the revision guard held it back.</param>
/// <param name="Errors">eBay's errors for this SKU (empty when it succeeded).</param>
public sealed record EbayPriceQuantityResult(string Sku, int StatusCode, IReadOnlyList<EbayError> Errors)
{
    /// <summary>True when eBay applied the change.</summary>
    public bool Succeeded => StatusCode is >= 200 and < 300 && Errors.Count == 0;
}

/// <summary>A Fulfillment API order (<c>getOrders</c>/<c>getOrder</c>), reduced to what stock sync needs.</summary>
public sealed record EbayOrder
{
    public required string OrderId { get; init; }

    public DateTimeOffset CreationDate { get; init; }

    public DateTimeOffset LastModifiedDate { get; init; }

    public string? OrderFulfillmentStatus { get; init; }

    public string? OrderPaymentStatus { get; init; }

    public EbayCancelStatus? CancelStatus { get; init; }

    public IReadOnlyList<EbayLineItem> LineItems { get; init; } = [];
}

/// <summary>Cancellation state of an order (<c>CANCELED</c> orders produce no sales).</summary>
public sealed record EbayCancelStatus(string? CancelState);

/// <summary>One order line: the SKU, quantity and total cost of the line.</summary>
public sealed record EbayLineItem
{
    public required string LineItemId { get; init; }

    public string? Sku { get; init; }

    public string? LegacyItemId { get; init; }

    public string? Title { get; init; }

    public int Quantity { get; init; }

    public EbayAmount? LineItemCost { get; init; }
}

internal sealed record EbayOrderPage(int Total, int Limit, int Offset, string? Next, IReadOnlyList<EbayOrder>? Orders);

/// <summary>A Notification API public key (<c>getPublicKey</c>): PEM key, algorithm (<c>ECDSA</c>) and digest (<c>SHA1</c>).</summary>
public sealed record EbayPublicKey(string Key, string Algorithm, string Digest);

internal sealed record EbayErrorEnvelope([property: JsonPropertyName("errors")] IReadOnlyList<EbayErrorEntry>? Errors);

internal sealed record EbayErrorEntry(int ErrorId, string? Domain, string? Category, string? Message, string? LongMessage, IReadOnlyList<EbayErrorParameter>? Parameters);

internal sealed record EbayErrorParameter(string Name, string? Value);
