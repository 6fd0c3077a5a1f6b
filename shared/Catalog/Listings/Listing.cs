using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Marketplace.Shared.Catalog.Listings;

/// <summary>Canonical, upper-case state of a listing on a platform, whatever casing the platform uses.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ListingStatus>))]
public enum ListingStatus
{
    [JsonStringEnumMemberName("PENDING")]
    Pending,

    [JsonStringEnumMemberName("ACTIVE")]
    Active,

    [JsonStringEnumMemberName("SOLD")]
    Sold,

    [JsonStringEnumMemberName("ENDED")]
    Ended,

    /// <summary>Gone from the platform without a sale or an end we asked for.</summary>
    [JsonStringEnumMemberName("REMOVED")]
    Removed,

    [JsonStringEnumMemberName("ARCHIVED")]
    Archived,

    [JsonStringEnumMemberName("DRAFT")]
    Draft,

    /// <summary>The last push failed; see <see cref="Listing.LastError"/>.</summary>
    [JsonStringEnumMemberName("ERROR")]
    Error,
}

/// <summary>
/// A product's presence on one platform (one per product and platform). <see cref="LastPushedVersion"/> is
/// the product version last pushed successfully; <see cref="LastSeenRemote"/> the platform's state as last
/// read, in canonical field names, used as the baseline for conflict detection in change sets.
/// <see cref="Attempts"/> keeps the latest <see cref="MaxAttempts"/> push attempts (the audit trail keeps all).
/// </summary>
public sealed record Listing
{
    /// <summary>Attempts kept on the listing itself.</summary>
    public const int MaxAttempts = 20;

    public required string Sku { get; init; }

    public required Platform Platform { get; init; }

    public string? ExternalId { get; init; }

    public string? Url { get; init; }

    public ListingStatus Status { get; init; } = ListingStatus.Pending;

    public long? LastPushedVersion { get; init; }

    public JsonObject? LastSeenRemote { get; init; }

    public DateTimeOffset? LastSeenAt { get; init; }

    public string? LastError { get; init; }

    /// <summary>Set when the listing needs an operator's look (e.g. still pending at the follow-up's deadline); cleared by the next successful attempt.</summary>
    public ListingFlag? Flag { get; init; }

    /// <summary>
    /// The listing in each shop, on a platform with several shops (Reverb accounts): the shops the last successful push
    /// that named them wrote to, as it reported them. An attempt without shops keeps them, as it keeps
    /// <see cref="ExternalId"/>; one that reports a status (an end, a sale) gives it to every shop. Null on a platform
    /// with one shop (or a single Reverb account); otherwise <see cref="ExternalId"/> and <see cref="Url"/> are the first shop's.
    /// </summary>
    public IReadOnlyList<ListingShop>? Shops { get; init; }

    public IReadOnlyList<ListingAttempt> Attempts { get; init; } = [];

    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>A copy with <paramref name="attempt"/> appended, the oldest dropped beyond <see cref="MaxAttempts"/>.</summary>
    public Listing WithAttempt(ListingAttempt attempt) => this with
    {
        Attempts = [.. Attempts.Skip(Math.Max(0, Attempts.Count + 1 - MaxAttempts)), attempt],
        LastError = attempt.Succeeded ? null : attempt.Error,
    };
}

/// <summary>Why a listing awaits review: <paramref name="Reason"/> a short key (e.g. <c>pending-timeout</c>, <c>missing-from-feed</c>), <paramref name="Detail"/> the explanation.</summary>
public sealed record ListingFlag(string Reason, string? Detail, DateTimeOffset At);

/// <summary>A listing in one shop of a platform (<see cref="Listing.Shops"/>): the shop's key, its listing id, public URL and status.</summary>
public sealed record ListingShop(string Shop, string ExternalId, string? Url, ListingStatus Status);

/// <summary>One push or read attempt against a platform.</summary>
public sealed record ListingAttempt(DateTimeOffset At, string Operation, bool Succeeded, long? Version, string? Error, string? CorrelationId, string? Note = null);

/// <summary>Maps platform status words to <see cref="ListingStatus"/> (case-insensitive; "live", "published" are ACTIVE).</summary>
public static class ListingStatuses
{
    /// <summary>The canonical status for a platform's word; false when unknown.</summary>
    public static bool TryNormalize(string? value, out ListingStatus status)
    {
        status = (value ?? string.Empty).Trim().ToUpperInvariant() switch
        {
            "PENDING" or "QUEUED" or "PROCESSING" => ListingStatus.Pending,
            "ACTIVE" or "LIVE" or "PUBLISHED" or "ON_SALE" => ListingStatus.Active,
            "SOLD" or "SOLD_OUT" => ListingStatus.Sold,
            "ENDED" or "UNPUBLISHED" or "COMPLETED" => ListingStatus.Ended,
            "REMOVED" or "DELETED" or "NOT_FOUND" => ListingStatus.Removed,
            "ARCHIVED" => ListingStatus.Archived,
            "DRAFT" => ListingStatus.Draft,
            "ERROR" or "FAILED" => ListingStatus.Error,
            _ => (ListingStatus)(-1),
        };
        return Enum.IsDefined(status);
    }
}
