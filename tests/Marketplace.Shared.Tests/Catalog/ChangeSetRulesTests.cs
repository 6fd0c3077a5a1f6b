using System.Text.Json.Nodes;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.ChangeSets;
using Marketplace.Shared.Catalog.Products;
using Shouldly;
using Xunit;

namespace Marketplace.Shared.Tests.Catalog;

public sealed class ChangeSetRulesTests
{
    private static readonly Product Current = new() { Sku = "S-1", Title = "Strat", BasePrice = 1000m, Quantity = 5, Stocked = true, DescriptionHtml = "<p>ours</p>", Version = 3 };

    private static ChangeSetPlan Plan(JsonObject incoming, JsonObject? baseline = null, ChangeSetRules? rules = null, Platform? source = Platform.Reverb) =>
        ChangeSetPlanner.Plan(Current, incoming, baseline, source, rules ?? new ChangeSetRules());

    [Fact]
    public void QuantityDecrease_IsApprovedForImmediateApply()
    {
        var plan = Plan(new JsonObject { ["quantity"] = 3 });
        plan.Immediate.ShouldHaveSingleItem().Field.ShouldBe("quantity");
        plan.Review.ShouldBeEmpty();
    }

    [Fact]
    public void QuantityIncrease_NeedsReview() =>
        Plan(new JsonObject { ["quantity"] = 8 }).Review.ShouldHaveSingleItem().Status.ShouldBe(FieldChangeStatus.Pending);

    [Fact]
    public void PriceChangeWithinThreshold_IsApproved() =>
        Plan(new JsonObject { ["basePrice"] = 1050m }).Immediate.ShouldHaveSingleItem().Field.ShouldBe("basePrice");

    [Fact]
    public void PriceChangeOverThreshold_NeedsReview()
    {
        var change = Plan(new JsonObject { ["basePrice"] = 1200m }).Review.ShouldHaveSingleItem();
        change.Status.ShouldBe(FieldChangeStatus.Pending);
        change.Rule.ShouldNotBeNull().ShouldContain("10%");
    }

    [Fact]
    public void CatalogOwnedField_IsRejected() =>
        Plan(new JsonObject { ["descriptionHtml"] = "<p>theirs</p>" }).Review.ShouldHaveSingleItem().Status.ShouldBe(FieldChangeStatus.Rejected);

    [Fact]
    public void PlatformOwnedField_WinsEvenOnConflict()
    {
        var rules = new ChangeSetRules { Ownership = [new FieldOwnershipRule("title", FieldOwner.Platform, Platform.Reverb)] };
        var change = Plan(new JsonObject { ["title"] = "Theirs" }, new JsonObject { ["title"] = "Base" }, rules).Immediate.ShouldHaveSingleItem();
        change.Conflict.ShouldBeTrue();
        change.Status.ShouldBe(FieldChangeStatus.Approved);
    }

    [Fact]
    public void PlatformSpecificOwnership_DoesNotApplyToOtherPlatforms()
    {
        var rules = new ChangeSetRules { Ownership = [new FieldOwnershipRule("title", FieldOwner.Platform, Platform.Ebay)] };
        Plan(new JsonObject { ["title"] = "Theirs" }, rules: rules).Review.ShouldHaveSingleItem().Status.ShouldBe(FieldChangeStatus.Pending);
    }

    [Fact]
    public void BothSidesChangedSinceSync_IsConflictNeedingReview()
    {
        var change = Plan(new JsonObject { ["basePrice"] = 1010m }, new JsonObject { ["basePrice"] = 900m }).Review.ShouldHaveSingleItem();
        change.Conflict.ShouldBeTrue();
        change.Status.ShouldBe(FieldChangeStatus.Pending);
    }

    [Fact]
    public void RemoteUnchangedSinceSync_IsNoChange() =>
        Plan(new JsonObject { ["title"] = "Old" }, new JsonObject { ["title"] = "Old" }).IsEmpty.ShouldBeTrue();

    [Fact]
    public void SameValue_IsNoChange_NumbersComparedByValue() =>
        Plan(new JsonObject { ["basePrice"] = 1000.00m, ["title"] = "Strat" }).IsEmpty.ShouldBeTrue();

    [Fact]
    public void UnknownField_IsRejectedNamingIt() =>
        Should.Throw<CatalogValidationException>(() => Plan(new JsonObject { ["colour"] = "red" })).Field.ShouldBe("colour");

    [Fact]
    public void AdminChange_IsNeverDecidedAutomatically() =>
        Plan(new JsonObject { ["quantity"] = 1 }, source: null).Review.ShouldHaveSingleItem().Status.ShouldBe(FieldChangeStatus.Pending);

    [Fact]
    public void Apply_ThenRollback_RestoresExactContent()
    {
        var changes = new[]
        {
            new FieldChange("title", JsonValue.Create("Strat"), JsonValue.Create("Strat '62"), Status: FieldChangeStatus.Approved),
            new FieldChange("quantity", JsonValue.Create(5), JsonValue.Create(2), Status: FieldChangeStatus.Approved),
        };
        var (applied, delta) = ChangeSetApplier.Apply(Current, changes);
        applied.Title.ShouldBe("Strat '62");
        delta.ShouldBe(-3);

        var (restored, back) = ChangeSetApplier.Rollback(applied, changes);
        back.ShouldBe(3);
        ProductCatalog.SameContent(restored, Current).ShouldBeTrue();
    }

    [Fact]
    public void Apply_WhenFieldChangedSinceStaging_ConflictsNamingField()
    {
        var change = new FieldChange("title", JsonValue.Create("Something else"), JsonValue.Create("New"), Status: FieldChangeStatus.Approved);
        Should.Throw<CatalogConflictException>(() => ChangeSetApplier.Apply(Current, [change])).Field.ShouldBe("title");
    }

    [Fact]
    public void Apply_InvalidValue_FailsValidation()
    {
        var change = new FieldChange("basePrice", JsonValue.Create(1000m), JsonValue.Create(-1m), Status: FieldChangeStatus.Approved);
        Should.Throw<CatalogValidationException>(() => ChangeSetApplier.Apply(Current, [change])).Field.ShouldBe("basePrice");
    }
}
