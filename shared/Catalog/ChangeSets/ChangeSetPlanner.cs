using System.Text.Json.Nodes;
using Marketplace.Shared.Catalog.Products;

namespace Marketplace.Shared.Catalog.ChangeSets;

/// <summary>The fields a pull would change, split into those applied at once and those staged for review.</summary>
public sealed record ChangeSetPlan(IReadOnlyList<FieldChange> Immediate, IReadOnlyList<FieldChange> Review)
{
    public bool IsEmpty => Immediate.Count == 0 && Review.Count == 0;
}

/// <summary>
/// Turns incoming field values into field changes: diff against the product, conflict detection against the
/// last-synced baseline, then ownership and auto-approval (<see cref="ChangeSetRules"/>). Pure.
/// </summary>
public static class ChangeSetPlanner
{
    /// <summary>
    /// Plans the changes that <paramref name="incoming"/> (canonical field names, only the fields the source
    /// reports) would make to <paramref name="current"/>. A field is a change when it differs from the product
    /// and, given a <paramref name="baseline"/> (the platform's values at the last sync), differs from the
    /// baseline too (otherwise only the catalog changed it and the next push wins). It is a conflict when the
    /// catalog also moved away from the baseline. With no <paramref name="source"/> (an admin edit) nothing is
    /// decided automatically.
    /// </summary>
    public static ChangeSetPlan Plan(Product current, JsonObject incoming, JsonObject? baseline, Platform? source, ChangeSetRules rules)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(incoming);
        ArgumentNullException.ThrowIfNull(rules);
        var local = ProductFields.ToObject(current);
        var immediate = new List<FieldChange>();
        var review = new List<FieldChange>();
        foreach (var (field, remoteValue) in incoming)
        {
            if (!ProductFields.Stageable.Contains(field))
            {
                throw CatalogValidationException.For(field, $"'{field}' is not a field that can be changed.");
            }

            var localValue = ProductFields.Get(local, field);
            if (ProductFields.ValueEquals(localValue, remoteValue))
            {
                continue;
            }

            var hasBase = baseline is not null && baseline.ContainsKey(field);
            var baseValue = hasBase ? ProductFields.Get(baseline!, field) : null;
            if (hasBase && ProductFields.ValueEquals(remoteValue, baseValue))
            {
                continue;
            }

            var conflict = hasBase && !ProductFields.ValueEquals(localValue, baseValue);
            var change = Decide(new FieldChange(field, localValue, remoteValue?.DeepClone(), conflict), source, rules);
            (change.Status == FieldChangeStatus.Approved ? immediate : review).Add(change);
        }

        return new ChangeSetPlan(immediate, review);
    }

    private static FieldChange Decide(FieldChange change, Platform? source, ChangeSetRules rules)
    {
        if (source is null)
        {
            return change;
        }

        switch (rules.OwnerOf(change.Field, source))
        {
            case FieldOwner.Catalog:
                return change with { Status = FieldChangeStatus.Rejected, Rule = $"'{change.Field}' is owned by the catalog" };
            case FieldOwner.Platform:
                return change with { Status = FieldChangeStatus.Approved, Rule = $"'{change.Field}' is owned by {source.Value.ToWire()}" };
        }

        if (change.Conflict)
        {
            return change with { Rule = "changed on both sides since the last sync" };
        }

        if (change.Field == ProductFields.Quantity && TryNumber(change.Before, out var before) && TryNumber(change.After, out var after))
        {
            return after < before && rules.AutoApproveQuantityDecrease ? change with { Status = FieldChangeStatus.Approved, Rule = "quantity decrease" }
                : after > before && rules.AutoApproveQuantityIncrease ? change with { Status = FieldChangeStatus.Approved, Rule = "quantity increase" }
                : change with { Rule = "quantity change needs review" };
        }

        if (change.Field == "basePrice" && TryNumber(change.Before, out var oldPrice) && TryNumber(change.After, out var newPrice))
        {
            var percent = oldPrice == 0m ? decimal.MaxValue : Math.Abs(newPrice - oldPrice) / oldPrice * 100m;
            return percent <= rules.PriceReviewThresholdPercent
                ? change with { Status = FieldChangeStatus.Approved, Rule = $"price change within {rules.PriceReviewThresholdPercent}%" }
                : change with { Rule = $"price change over {rules.PriceReviewThresholdPercent}% needs review" };
        }

        return rules.AutoApproveFields.Contains(change.Field)
            ? change with { Status = FieldChangeStatus.Approved, Rule = $"'{change.Field}' is auto-approved" }
            : change;
    }

    private static bool TryNumber(JsonNode? node, out decimal value) => ProductFields.TryDecimal(node, out value);
}
