using Azure;
using Azure.Data.Tables;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Ledger;
using Marketplace.TestSupport;
using Shouldly;
using Xunit;

namespace Marketplace.Shared.Tests.Catalog;

/// <summary>
/// How Azure.Data.Tables reports a failed entity group transaction (<see cref="TableTransactionFailedException"/>), and
/// that the catalog still turns it into the same domain outcome.
/// </summary>
[Trait("Category", "Integration")]
public sealed class CatalogTransactionTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Transaction_AddingAnExistingRow_FailsWithItsIndex_AndAppliesNothing()
    {
        using var host = new CatalogTestHost(azurite);
        var table = host.Table;
        await table.EnsureCreatedAsync(CancellationToken.None);
        await table.Client.AddEntityAsync(new TableEntity("p", "existing"));

        var ex = await Should.ThrowAsync<TableTransactionFailedException>(() => table.Client.SubmitTransactionAsync(
        [
            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", "new")),
            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", "existing")),
        ]));

        (ex.Status, ex.ErrorCode, ex.FailedTransactionActionIndex).ShouldBe((409, "EntityAlreadyExists", 1));
        CatalogTable.IsConcurrencyConflict(ex).ShouldBeTrue();
        (await table.Client.GetEntityIfExistsAsync<TableEntity>("p", "new")).HasValue.ShouldBeFalse();
    }

    [Fact]
    public async Task Transaction_ReplacingUnderAStaleETag_Fails412_AsAConcurrencyConflict()
    {
        using var host = new CatalogTestHost(azurite);
        var table = host.Table;
        await table.EnsureCreatedAsync(CancellationToken.None);
        var stale = (await table.Client.AddEntityAsync(new TableEntity("p", "row") { ["N"] = 1 })).Headers.ETag!.Value;
        await table.Client.UpdateEntityAsync(new TableEntity("p", "row") { ["N"] = 2 }, ETag.All, TableUpdateMode.Replace);

        var ex = await Should.ThrowAsync<TableTransactionFailedException>(() => table.Client.SubmitTransactionAsync(
            [new TableTransactionAction(TableTransactionActionType.UpdateReplace, new TableEntity("p", "row") { ["N"] = 3 }, stale)]));

        ex.Status.ShouldBe(412);
        CatalogTable.IsConcurrencyConflict(ex).ShouldBeTrue();
        (await table.Client.GetEntityAsync<TableEntity>("p", "row")).Value.GetInt32("N").ShouldBe(2);
    }

    [Fact]
    public async Task CreatingAnExistingSku_IsTheCatalogsConflict_NotAStorageError()
    {
        using var host = new CatalogTestHost(azurite);
        var product = await host.Products.CreateAsync(CatalogTestHost.NewProduct(), CatalogTestHost.Actor);

        var ex = await Should.ThrowAsync<CatalogConflictException>(() => host.Products.CreateAsync(product with { Title = "Again" }, CatalogTestHost.Actor));

        ex.Field.ShouldBe("sku");
        (await host.Products.GetAsync(product.Sku))!.Title.ShouldBe(product.Title);
    }

    [Fact]
    public async Task SameSaleTwice_FailsItsLedgerInsert_AndIsReportedAsADuplicate()
    {
        using var host = new CatalogTestHost(azurite);
        var product = await host.Products.CreateAsync(CatalogTestHost.NewProduct(quantity: 3, stocked: true), CatalogTestHost.Actor);
        var sale = new InventoryChange { Sku = product.Sku, Delta = -1, Reason = LedgerReason.Sale, EventId = "order-1", Source = Platform.Ebay };

        var first = await host.Ledger.AppendAsync(sale);
        var second = await host.Ledger.AppendAsync(sale);

        (first.Outcome, second.Outcome).ShouldBe((LedgerOutcome.Applied, LedgerOutcome.Duplicate));
        (await host.Products.GetAsync(product.Sku))!.Quantity.ShouldBe(2);
    }

    [Fact]
    public async Task StoredRows_KeepTheirPropertyTypes()
    {
        using var host = new CatalogTestHost(azurite);
        var product = await host.Products.CreateAsync(CatalogTestHost.NewProduct(quantity: 2, stocked: true), CatalogTestHost.Actor);

        var row = (await host.Table.ReadEntityAsync(product.Sku, CatalogKeys.ProductRow(product.Sku), CancellationToken.None))!;

        row["Quantity"].ShouldBeOfType<int>().ShouldBe(2);
        row["LedgerSequence"].ShouldBeOfType<long>().ShouldBe(1L);
        row["UpdatedAt"].ShouldBeOfType<DateTimeOffset>();
        row["Status"].ShouldBeOfType<string>().ShouldBe("ACTIVE");
        row.GetString(CatalogKeys.DataColumn).ShouldNotBeNull();
    }
}
