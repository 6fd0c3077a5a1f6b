using System.Text.Json.Serialization;

namespace Marketplace.Shared.Catalog.Products;

/// <summary>Lifecycle of a product. Default <see cref="Draft"/>; a sale taking stock to zero makes it <see cref="Sold"/>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ProductStatus>))]
public enum ProductStatus
{
    /// <summary>Being prepared; not pushed to platforms.</summary>
    [JsonStringEnumMemberName("DRAFT")]
    Draft,

    /// <summary>For sale.</summary>
    [JsonStringEnumMemberName("ACTIVE")]
    Active,

    /// <summary>No stock left after a sale.</summary>
    [JsonStringEnumMemberName("SOLD")]
    Sold,

    /// <summary>Withdrawn; kept for history.</summary>
    [JsonStringEnumMemberName("ARCHIVED")]
    Archived,
}

/// <summary>Which hand the instrument is built for. Default <see cref="Right"/>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Handedness>))]
public enum Handedness
{
    /// <summary>Right-handed (the default).</summary>
    [JsonStringEnumMemberName("RIGHT")]
    Right,

    /// <summary>Left-handed: mapped to the left-handed category on platforms that use categories for it.</summary>
    [JsonStringEnumMemberName("LEFT")]
    Left,
}

/// <summary>Condition grade (Reverb's scale, which the other platforms map from). Default <see cref="Excellent"/>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ProductCondition>))]
public enum ProductCondition
{
    [JsonStringEnumMemberName("BRAND_NEW")]
    BrandNew,

    [JsonStringEnumMemberName("MINT")]
    Mint,

    [JsonStringEnumMemberName("EXCELLENT")]
    Excellent,

    [JsonStringEnumMemberName("VERY_GOOD")]
    VeryGood,

    [JsonStringEnumMemberName("GOOD")]
    Good,

    [JsonStringEnumMemberName("FAIR")]
    Fair,

    [JsonStringEnumMemberName("POOR")]
    Poor,

    [JsonStringEnumMemberName("NON_FUNCTIONING")]
    NonFunctioning,
}
