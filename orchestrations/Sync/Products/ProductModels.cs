using System.Text.Json.Serialization;
using Marketplace.Shared.Catalog;

namespace Marketplace.Orchestrations.Sync.Products;

/// <summary>What a push does on one platform.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ListingAction>))]
public enum ListingAction
{
    /// <summary>Create the listing, or update it (connectors find an existing listing by SKU, so a retry never creates a second).</summary>
    [JsonStringEnumMemberName("UPSERT")]
    Upsert,

    /// <summary>End the listing (the product was archived).</summary>
    [JsonStringEnumMemberName("END")]
    End,
}

/// <summary>
/// One platform's push of a product. <paramref name="Force"/> pushes even when the listing already has the product's
/// version: reconciliation restoring fields the catalog owns that were changed on the platform.
/// </summary>
public sealed record ListingPush(string Sku, Platform Platform, ListingAction Action, bool Force = false);

/// <summary>What a product push will do: the version and the platforms.</summary>
public sealed record ProductPushPlan(string Sku, long? Version, IReadOnlyList<ListingPush> Pushes, string? Problem);

/// <summary>One platform's outcome; <see cref="Skipped"/> when the listing already had this version.</summary>
public sealed record ListingPushOutcome(Platform Platform, ListingAction Action, bool Succeeded, bool Skipped, string? ExternalId, string? Url, string? Error);

/// <summary>One push of a chunk (<see cref="PushListingsActivity"/>); <see cref="Retryable"/> when it failed for a reason a retry may fix.</summary>
public sealed record ChunkPushOutcome(string Sku, ListingPushOutcome Outcome, bool Retryable);

/// <summary>The push orchestration's output.</summary>
public sealed record ProductPushResult(string Sku, long? Version, IReadOnlyList<ListingPushOutcome> Platforms, string? Problem);
