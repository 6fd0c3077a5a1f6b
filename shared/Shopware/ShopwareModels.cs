using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Marketplace.Shared.Shopware;

/// <summary>A product as the Admin API returns it with <c>Accept: application/json</c> (fields outside includes are null).</summary>
public sealed record ShopwareProduct
{
    public required string Id { get; init; }

    public string? ProductNumber { get; init; }

    public string? Name { get; init; }

    public string? Description { get; init; }

    public bool? Active { get; init; }

    public int? Stock { get; init; }

    public string? TaxId { get; init; }

    public string? ManufacturerId { get; init; }

    /// <summary>Prices: an array of <c>{currencyId, gross, net, linked}</c> (older shops answer one such object).</summary>
    public JsonNode? Price { get; init; }

    public DateTimeOffset? CreatedAt { get; init; }

    public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>The <c>media</c> association (product_media rows), when loaded.</summary>
    public IReadOnlyList<ShopwareProductMedia>? Media { get; init; }

    /// <summary>The <c>categories</c> association, when loaded.</summary>
    public IReadOnlyList<ShopwareCategory>? Categories { get; init; }

    /// <summary>The gross price in <paramref name="currencyId"/>, or the only price when there is one.</summary>
    public decimal? GrossIn(string currencyId) => Price switch
    {
        JsonArray prices => (prices.OfType<JsonObject>().FirstOrDefault(p => p["currencyId"]?.ToString() == currencyId)
            ?? (prices.Count == 1 ? prices[0] as JsonObject : null))?["gross"]?.GetValue<decimal>(),
        JsonObject single => single["gross"]?.GetValue<decimal>(),
        _ => null,
    };
}

/// <summary>A product_media row: the link of a product to a media row, with its position.</summary>
public sealed record ShopwareProductMedia(string Id, string? MediaId, int? Position);

/// <summary>A category (a tree: <c>parentId</c> null at the root).</summary>
public sealed record ShopwareCategory(string Id, string? Name = null, string? ParentId = null);

/// <summary>One page of <c>POST /api/search/{entity}</c> (<c>total</c> per the count mode of the criteria).</summary>
public sealed record ShopwareSearchResult<T>(int Total, IReadOnlyList<T> Data);

/// <summary>One keyed operation of <c>POST /api/_action/sync</c>.</summary>
/// <param name="Key">The operation's key in the request (error pointers start with it).</param>
/// <param name="Entity">Entity name (<c>product</c>, <c>product_visibility</c>, ...).</param>
/// <param name="Action"><c>upsert</c> or <c>delete</c>.</param>
/// <param name="Payload">The rows (each with its id for an upsert that must be repeatable).</param>
public sealed record ShopwareSyncOperation(string Key, string Entity, string Action, IReadOnlyList<JsonObject> Payload)
{
    public static ShopwareSyncOperation Upsert(string key, string entity, IReadOnlyList<JsonObject> payload) => new(key, entity, "upsert", payload);

    public static ShopwareSyncOperation Delete(string key, string entity, IReadOnlyList<JsonObject> payload) => new(key, entity, "delete", payload);
}

/// <summary>The answer of <c>_action/sync</c>: written ids per entity, and what a delete did not find.</summary>
public sealed record ShopwareSyncResult(
    IReadOnlyDictionary<string, JsonArray> Data,
    [property: JsonPropertyName("notFound")] JsonNode? NotFound,
    JsonNode? Deleted);

/// <summary>An order (with the associations <c>lineItems</c>, <c>stateMachineState</c> and <c>currency</c> loaded).</summary>
public sealed record ShopwareOrder
{
    public required string Id { get; init; }

    public string? OrderNumber { get; init; }

    public DateTimeOffset OrderDateTime { get; init; }

    public DateTimeOffset? UpdatedAt { get; init; }

    public ShopwareStateMachineState? StateMachineState { get; init; }

    public ShopwareCurrency? Currency { get; init; }

    public IReadOnlyList<ShopwareOrderLineItem> LineItems { get; init; } = [];

    /// <summary>The order's payment transactions (association <c>transactions.stateMachineState</c>); the newest is the payment that counts.</summary>
    public IReadOnlyList<ShopwareOrderTransaction> Transactions { get; init; } = [];
}

/// <summary>A payment transaction of an order; its state is <c>open</c>, <c>paid</c>, <c>refunded</c>, <c>cancelled</c>, ...</summary>
public sealed record ShopwareOrderTransaction
{
    public string? Id { get; init; }

    public DateTimeOffset? CreatedAt { get; init; }

    public ShopwareStateMachineState? StateMachineState { get; init; }
}

/// <summary>An order or delivery state (<c>open</c>, <c>in_progress</c>, <c>completed</c>, <c>cancelled</c>).</summary>
public sealed record ShopwareStateMachineState(string TechnicalName);

public sealed record ShopwareCurrency(string IsoCode);

/// <summary>An order line; <c>payload.productNumber</c> is the SKU for product lines.</summary>
public sealed record ShopwareOrderLineItem
{
    public required string Id { get; init; }

    public string? Type { get; init; }

    public string? ProductId { get; init; }

    public int Quantity { get; init; }

    public decimal? UnitPrice { get; init; }

    public ShopwareLineItemPayload? Payload { get; init; }
}

public sealed record ShopwareLineItemPayload(string? ProductNumber);
