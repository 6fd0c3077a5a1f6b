using Marketplace.Shared.Shopware;
using Shouldly;
using Xunit;

namespace Marketplace.Sandbox.Tests.Shopware;

/// <summary>Each rollout mode writes only what it allows; refused calls send nothing.</summary>
[Trait("Category", "Integration")]
public sealed class ShopwareRolloutTests : ShopwareSandboxTestBase
{
    [Theory]
    [InlineData(ShopwareRolloutMode.Off)]
    [InlineData(ShopwareRolloutMode.SearchOnly)]
    [InlineData(ShopwareRolloutMode.StockOnly)]
    [InlineData(ShopwareRolloutMode.Full)]
    public async Task Mode_WritesOnlyWhatItAllows(ShopwareRolloutMode mode)
    {
        var prefix = "RO" + mode;
        var seeded = await SeedAsync(CreateClient(), prefix, 3, stock: 5);
        var writesBefore = Sandbox.Writes.Count;
        var connector = new ShopwareConnector(CreateClient(o => o.Mode = mode));
        var refused = new List<string>();

        async Task Try(string name, Func<Task> call)
        {
            try
            {
                await call();
            }
            catch (ShopwareRolloutException ex)
            {
                ex.IsTransient.ShouldBeFalse();
                refused.Add(name);
            }
        }

        await Try("find", () => connector.FindListingAsync(seeded[0]));
        await Try("create", () => connector.UpsertListingAsync(Draft(prefix + "-NEW")));
        await Try("edit", () => connector.UpsertListingAsync(Draft(seeded[0], quantity: 7, title: "Renamed")));
        await Try("stock", () => connector.SetQuantityAsync(seeded[1], 4));
        await Try("end", () => connector.EndListingAsync(seeded[2], "sold elsewhere"));

        var writes = Sandbox.Writes.Skip(writesBefore).SelectMany(w => w.Rows).ToList();
        var created = Sandbox.ProductByNumber(prefix + "-NEW") is not null;
        var title = Sandbox.ProductByNumber(seeded[0])!["name"]!.GetValue<string>();
        var stocks = seeded.Select(StockOf).ToList();
        switch (mode)
        {
            case ShopwareRolloutMode.Off:
                refused.ShouldBe(["find", "create", "edit", "stock", "end"]);
                writes.ShouldBeEmpty();
                stocks.ShouldBe([5, 5, 5]);
                break;
            case ShopwareRolloutMode.SearchOnly:
                refused.ShouldBe(["create", "edit", "stock", "end"]);
                writes.ShouldBeEmpty();
                stocks.ShouldBe([5, 5, 5]);
                break;
            case ShopwareRolloutMode.StockOnly:
                refused.ShouldBe(["create"]);
                writes.ShouldNotBeEmpty();
                writes.SelectMany(w => w.Fields).Distinct().Order().ShouldBe(["id", "stock"]);
                (created, title).ShouldBe((false, $"Fender Precision Bass {seeded[0]}"));
                stocks.ShouldBe([7, 4, 0]);
                break;
            default:
                refused.ShouldBeEmpty();
                (created, title).ShouldBe((true, "Renamed"));
                stocks.ShouldBe([7, 4, 0]);
                break;
        }
    }
}
