using System.Text.Json.Serialization;

namespace Marketplace.Shared.Catalog.ChangeSets;

/// <summary>Which side wins a field for a platform.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FieldOwner>))]
public enum FieldOwner
{
    /// <summary>Nobody owns it: the auto-approval rules decide, conflicts go to review.</summary>
    [JsonStringEnumMemberName("SHARED")]
    Shared,

    /// <summary>The catalog wins: changes from the platform are rejected automatically.</summary>
    [JsonStringEnumMemberName("CATALOG")]
    Catalog,

    /// <summary>The platform wins: its changes are approved automatically, even on conflict.</summary>
    [JsonStringEnumMemberName("PLATFORM")]
    Platform,
}

/// <summary>An ownership rule; a null <see cref="Platform"/> applies to every platform (a platform-specific rule wins).</summary>
public sealed record FieldOwnershipRule(string Field, FieldOwner Owner, Platform? Platform = null);

/// <summary>
/// Ownership and auto-approval rules for changes pulled from platforms. Defaults: quantity decreases are
/// approved and applied at once; quantity increases need review; base price changes up to
/// <see cref="PriceReviewThresholdPercent"/> (10%) are approved, larger ones need review; the catalog owns the
/// description and images; other fields need review. A conflict always needs review unless a rule gives the
/// field to the platform.
/// </summary>
public sealed record ChangeSetRules
{
    public IReadOnlyList<FieldOwnershipRule> Ownership { get; init; } =
    [
        new("descriptionHtml", FieldOwner.Catalog),
        new("images", FieldOwner.Catalog),
    ];

    public bool AutoApproveQuantityDecrease { get; init; } = true;

    public bool AutoApproveQuantityIncrease { get; init; }

    /// <summary>Base price changes above this relative change (percent) need review. Default 10.</summary>
    public decimal PriceReviewThresholdPercent { get; init; } = 10m;

    /// <summary>Fields always approved automatically (unless in conflict).</summary>
    public IReadOnlySet<string> AutoApproveFields { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>The owner of <paramref name="field"/> for <paramref name="platform"/>.</summary>
    public FieldOwner OwnerOf(string field, Platform? platform) =>
        Ownership.FirstOrDefault(r => r.Field == field && r.Platform == platform && platform is not null)?.Owner
        ?? Ownership.FirstOrDefault(r => r.Field == field && r.Platform is null)?.Owner
        ?? FieldOwner.Shared;
}
