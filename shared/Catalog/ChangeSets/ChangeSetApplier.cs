using System.Text.Json.Nodes;
using Marketplace.Shared.Catalog.Products;

namespace Marketplace.Shared.Catalog.ChangeSets;

/// <summary>
/// Applies and reverses field changes on a product (pure). Every non-quantity field must still hold the value
/// the change expects (<see cref="FieldChange.Before"/> to apply, <see cref="FieldChange.After"/> to roll back),
/// otherwise someone changed it meanwhile and a <see cref="CatalogConflictException"/> names it. Quantity
/// changes are returned as a delta for the ledger (stock moves by sales meanwhile, so no value check).
/// </summary>
internal static class ChangeSetApplier
{
    public static (Product Product, int QuantityDelta) Apply(Product current, IEnumerable<FieldChange> approved) =>
        Transform(current, approved, forward: true);

    public static (Product Product, int QuantityDelta) Rollback(Product current, IEnumerable<FieldChange> applied) =>
        Transform(current, applied, forward: false);

    private static (Product, int) Transform(Product current, IEnumerable<FieldChange> changes, bool forward)
    {
        var json = ProductFields.ToObject(current);
        var quantityDelta = 0;
        foreach (var change in changes)
        {
            var (expected, target) = forward ? (change.Before, change.After) : (change.After, change.Before);
            if (change.Field == ProductFields.Quantity)
            {
                quantityDelta += Number(target, change.Field) - Number(expected, change.Field);
                continue;
            }

            if (!ProductFields.ValueEquals(ProductFields.Get(json, change.Field), expected))
            {
                throw new CatalogConflictException(
                    $"Field '{change.Field}' of {current.Sku} changed since the change set was {(forward ? "staged" : "applied")}; stage the change again.", change.Field);
            }

            ProductFields.Set(json, change.Field, target);
        }

        Product product;
        try
        {
            product = ProductFields.FromObject(json);
        }
        catch (System.Text.Json.JsonException ex)
        {
            throw CatalogValidationException.For(changes.FirstOrDefault()?.Field ?? "changes", "A value does not fit its field: " + ex.Message);
        }

        ProductValidator.EnsureValid(product with { Quantity = 0 });
        return (product, quantityDelta);
    }

    private static int Number(JsonNode? node, string field) =>
        ProductFields.TryDecimal(node, out var number) && number == decimal.Truncate(number) && Math.Abs(number) <= int.MaxValue
            ? (int)number
            : throw CatalogValidationException.For(field, "A quantity change needs whole numbers before and after.");
}
