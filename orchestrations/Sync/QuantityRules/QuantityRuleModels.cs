using Marketplace.Orchestrations.Sync.Sales;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Products;

namespace Marketplace.Orchestrations.Sync.QuantityRules;

/// <summary>A platform's quantity rule changed from <see cref="Previous"/> to <see cref="Current"/>.</summary>
public sealed record QuantityRuleChange(Platform Platform, QuantityRule Previous, QuantityRule Current);

/// <summary>The listings a rule change affects: <see cref="Checked"/> listings read, one push per listing whose shown quantity changes.</summary>
public sealed record QuantityRulePlan(Platform Platform, int Checked, IReadOnlyList<StockPush> Pushes);

/// <summary>The re-push of a rule change: listings checked and the outcome of each push.</summary>
public sealed record QuantityRuleResult(Platform Platform, int Checked, IReadOnlyList<RepushedListing> Pushed);

/// <summary>One re-pushed listing: SKU, the quantity planned for it and the platform's outcome.</summary>
public sealed record RepushedListing(string Sku, int Quantity, bool Succeeded, string? Error);
