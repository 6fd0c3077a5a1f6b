using System.Text;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Ledger;
using Marketplace.Shared.Catalog.Products;
using Marketplace.TestSupport;
using Shouldly;
using Xunit;

namespace Marketplace.Shared.Tests.Catalog;

[Trait("Category", "Integration")]
public sealed class CsvImportTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    /// <summary>Opens <paramref name="csv"/> afresh for each pass of an import.</summary>
    internal static Func<CancellationToken, Task<Stream>> Open(string csv) => _ => Task.FromResult<Stream>(new MemoryStream(Encoding.UTF8.GetBytes(csv)));

    private static string GoodFile(string prefix) =>
        "sku,title,base_price,quantity,stocked,price_rules,status\n" +
        $"{prefix}-1,Gibson Les Paul,2500,1,false,shopify=-5%@1000/999,active\n" +
        $"{prefix}-2,Boss DS-1,45.00,12,true,ebay=+10%,active\n";

    [Fact]
    public async Task MixedFile_ReportsEveryBadRow_AndAppliesNothing()
    {
        using var host = new CatalogTestHost(azurite);
        var csv = "sku,title,base_price,quantity,currency\n" +
                  "MIX-1,Good,10,1,GBP\n" +
                  "MIX-2,,10,1,GBP\n" +
                  "MIX-3,Bad price,ten,1,GBP\n" +
                  "MIX-4,Good too,10,1,GBP\n" +
                  "MIX-5,Bad currency,10,1,pounds\n";

        var result = await host.Importer.ImportAsync(Open(csv), applyValidRows: false, CatalogTestHost.Actor);

        result.Applied.ShouldBeFalse();
        result.Validation.Errors.Select(e => (e.Line, e.Column)).ShouldBe([(3, "title"), (4, "base_price"), (6, "currency")]);
        (result.Validation.Rows, result.Validation.ValidRows).ShouldBe((5, 2));
        (await host.Products.GetAsync("MIX-1")).ShouldBeNull();
        (await host.Products.GetAsync("MIX-4")).ShouldBeNull();
    }

    [Fact]
    public async Task ApplyValidRows_AppliesOnlyTheGoodOnes()
    {
        using var host = new CatalogTestHost(azurite);
        var csv = "sku,title,base_price\nPART-1,Good,10\nPART-2,,10\nPART-1,Repeated,20\n";

        var result = await host.Importer.ImportAsync(Open(csv), applyValidRows: true, CatalogTestHost.Actor);

        (result.Applied, result.Created).ShouldBe((true, 1));
        (await host.Products.GetAsync("PART-1")).ShouldNotBeNull().Title.ShouldBe("Good");
        (await host.Products.GetAsync("PART-2")).ShouldBeNull();
    }

    [Fact]
    public async Task ReimportingTheSameFile_ChangesNothing_EvenAfterASale()
    {
        using var host = new CatalogTestHost(azurite);
        var prefix = "RE" + Guid.NewGuid().ToString("N")[..6];
        var first = await host.Importer.ImportAsync(Open(GoodFile(prefix)), false, CatalogTestHost.Actor);
        await host.Ledger.AppendAsync(new InventoryChange { Sku = $"{prefix}-2", Delta = -2, Reason = LedgerReason.Sale, EventId = "sale-1", Source = Platform.Ebay });
        var outboxBefore = (await host.Dispatcher.ListAsync($"{prefix}-2")).Count;

        var second = await host.Importer.ImportAsync(Open(GoodFile(prefix)), false, CatalogTestHost.Actor);

        (first.Created, first.QuantityChanges).ShouldBe((2, 2));
        (second.Created, second.Updated, second.Unchanged, second.QuantityChanges).ShouldBe((0, 0, 2, 0));
        var product = (await host.Products.GetAsync($"{prefix}-2"))!;
        (product.Version, product.Quantity).ShouldBe((1L, 10));
        (await host.Ledger.ListAsync(product.Sku)).Sum(e => e.AppliedDelta).ShouldBe(10);
        (await host.Dispatcher.ListAsync($"{prefix}-2")).Count.ShouldBe(outboxBefore);
    }

    [Fact]
    public async Task ChangedRow_UpdatesContentAndQuantity_InOneNewVersion()
    {
        using var host = new CatalogTestHost(azurite);
        await host.Importer.ImportAsync(Open(GoodFile("UPD")), false, CatalogTestHost.Actor);

        var result = await host.Importer.ImportAsync(Open("sku,title,base_price,quantity,stocked,price_rules,status\nUPD-2,Boss DS-1 Distortion,45.00,7,true,ebay=+10%,active\n"), false, CatalogTestHost.Actor);

        (result.Updated, result.QuantityChanges).ShouldBe((1, 1));
        var product = (await host.Products.GetAsync("UPD-2"))!;
        (product.Title, product.Quantity, product.Version).ShouldBe(("Boss DS-1 Distortion", 7, 2L));
    }

    [Fact]
    public async Task Export_ThenImport_KeepsTheReverbAccounts()
    {
        using var host = new CatalogTestHost(azurite);
        using var fresh = new CatalogTestHost(azurite);
        var twoShops = await host.Products.CreateAsync(CatalogTestHost.NewProduct() with { ReverbAccounts = ["default", "b"] }, CatalogTestHost.Actor);
        var secondOnly = await host.Products.CreateAsync(CatalogTestHost.NewProduct() with { ReverbAccounts = ["b"] }, CatalogTestHost.Actor);
        var defaultOnly = await host.Products.CreateAsync(CatalogTestHost.NewProduct(), CatalogTestHost.Actor);
        using var exported = new MemoryStream();
        await host.Exporter.ExportAsync(exported);
        var csv = Encoding.UTF8.GetString(exported.ToArray());

        var again = await host.Importer.ImportAsync(Open(csv), false, CatalogTestHost.Actor);
        var elsewhere = await fresh.Importer.ImportAsync(Open(csv), false, CatalogTestHost.Actor);

        var lines = csv.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        lines[0].ShouldEndWith(",reverb_accounts");
        lines.ShouldContain(l => l.StartsWith(twoShops.Sku + ",", StringComparison.Ordinal) && l.EndsWith(",default|b", StringComparison.Ordinal));
        (again.Validation.ErrorCount, again.Unchanged, again.Updated).ShouldBe((0, 3, 0));
        elsewhere.Created.ShouldBe(3);
        (await fresh.Products.GetAsync(twoShops.Sku))!.ReverbAccounts.ShouldBe(["default", "b"]);
        (await fresh.Products.GetAsync(secondOnly.Sku))!.ReverbAccounts.ShouldBe(["b"]);
        (await fresh.Products.GetAsync(defaultOnly.Sku))!.ReverbAccounts.ShouldBeEmpty();
    }

    [Fact]
    public async Task BadReverbAccount_IsReportedWithLineAndColumn_AndNothingIsApplied()
    {
        using var host = new CatalogTestHost(azurite);
        var csv = "sku,title,base_price,reverb_accounts\nRAB-1,Good,10,default|b\nRAB-2,Bad,10,default|Shop B\n";

        var result = await host.Importer.ImportAsync(Open(csv), applyValidRows: false, CatalogTestHost.Actor);

        result.Applied.ShouldBeFalse();
        var error = result.Validation.Errors.ShouldHaveSingleItem();
        (error.Line, error.Column).ShouldBe((3, "reverb_accounts"));
        error.Message.ShouldContain("'Shop B' is not a Reverb account key");
        (await host.Products.GetAsync("RAB-1")).ShouldBeNull();
    }

    [Fact]
    public async Task AReverbShopThatIsNotConfigured_IsRefusedByTheCsvAndTheApi_ButAStoredProductKeepsAShopWhoseSettingsWereRemoved()
    {
        using var host = new CatalogTestHost(azurite, o => o.ReverbAccounts = new HashSet<string> { "default", "b", "c" });
        var kept = await host.Products.CreateAsync(CatalogTestHost.NewProduct() with { ReverbAccounts = ["c"] }, CatalogTestHost.Actor);
        host.Options.ReverbAccounts = new HashSet<string> { "default", "b" }; // shop c's settings removed
        var csv = $"sku,title,base_price,reverb_accounts\nRAC-1,Good,10,default|b\nRAC-2,Typo,10,default|shop-b\n";

        var imported = await host.Importer.ImportAsync(Open(csv), applyValidRows: false, CatalogTestHost.Actor);
        var created = await Should.ThrowAsync<CatalogValidationException>(() => host.Products.CreateAsync(CatalogTestHost.NewProduct() with { ReverbAccounts = ["c"] }, CatalogTestHost.Actor));
        var renamed = await host.Products.UpdateAsync(kept with { Title = "Renamed" }, kept.Version, CatalogTestHost.Actor);
        var added = await Should.ThrowAsync<CatalogValidationException>(() => host.Products.UpdateAsync(renamed with { ReverbAccounts = ["c", "d"] }, renamed.Version, CatalogTestHost.Actor));

        var error = imported.Validation.Errors.ShouldHaveSingleItem();
        (error.Line, error.Column, error.Message).ShouldBe((3, "reverb_accounts", "'shop-b' is not a configured Reverb shop (configured: b, default)."));
        imported.Applied.ShouldBeFalse();
        created.Errors["reverbAccounts"].ShouldBe(["'c' is not a configured Reverb shop (configured: b, default)."]);
        renamed.Title.ShouldBe("Renamed");
        renamed.ReverbAccounts.ShouldBe(["c"]);
        added.Errors["reverbAccounts"].ShouldBe(["'d' is not a configured Reverb shop (configured: b, default)."]);
    }

    [Fact]
    public async Task OlderFileWithoutTheReverbAccountsColumn_StillImports()
    {
        using var host = new CatalogTestHost(azurite);
        var prefix = "OLD" + Guid.NewGuid().ToString("N")[..6];

        var result = await host.Importer.ImportAsync(Open(GoodFile(prefix)), false, CatalogTestHost.Actor);

        (result.Validation.ErrorCount, result.Applied, result.Created).ShouldBe((0, true, 2));
        (await host.Products.GetAsync($"{prefix}-1"))!.ReverbAccounts.ShouldBeEmpty();
    }

    [Fact]
    public async Task Export_ThenImport_RoundTripsUnchanged()
    {
        using var host = new CatalogTestHost(azurite);
        var created = await host.Products.CreateAsync(CatalogTestHost.NewProduct("EXP-1") with
        {
            Handedness = Handedness.Left,
            ArtistOwned = true,
            Identifiers = new RecordIdentifiers { Barcode = "5099706590510", CatalogueNumber = "CS 8163", DiscogsReleaseId = 249504 },
            ShippingProfiles = new Dictionary<Platform, string> { [Platform.Ebay] = "policy-1" },
            Dimensions = new Dimensions(100m, 40m, 12m),
            WeightKg = 4.5m,
        }, CatalogTestHost.Actor);
        using var exported = new MemoryStream();

        (await host.Exporter.ExportAsync(exported)).ShouldBe(1);
        var csv = Encoding.UTF8.GetString(exported.ToArray());
        var result = await host.Importer.ImportAsync(Open(csv), false, CatalogTestHost.Actor);

        result.Validation.Errors.ShouldBeEmpty();
        (result.Unchanged, result.Updated, result.QuantityChanges).ShouldBe((1, 0, 0));
        (await host.Products.GetAsync(created.Sku))!.Version.ShouldBe(1);
    }
}
