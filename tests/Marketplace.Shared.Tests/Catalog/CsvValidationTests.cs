using System.Text;
using Marketplace.Shared.Catalog.Csv;
using Marketplace.Shared.Catalog.Products;
using Shouldly;
using Xunit;

namespace Marketplace.Shared.Tests.Catalog;

public sealed class CsvValidationTests
{
    private static async Task<List<CsvRow>> ReadAsync(string csv)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(csv));
        var rows = new List<CsvRow>();
        await foreach (var row in CatalogCsvReader.ReadAsync(stream, TimeProvider.System))
        {
            rows.Add(row);
        }

        return rows;
    }

    [Fact]
    public async Task RepeatedSku_IgnoringCase_IsAnErrorOnTheLaterRow()
    {
        var rows = await ReadAsync("sku,title,base_price\nDUP-1,First,10\nOTHER-1,Other,10\ndup-1,Again,10\n");

        rows.Select(r => r.Product?.Sku).ShouldBe(["DUP-1", "OTHER-1", null]);
        var error = rows[2].Errors.ShouldHaveSingleItem();
        (error.Line, error.Column).ShouldBe((4, "sku"));
        error.Message.ShouldContain("earlier");
    }

    [Fact]
    public async Task GoodRow_ParsesEveryColumn()
    {
        var rows = await ReadAsync(
            "sku,title,description_html,base_price,currency,price_rules,quantity,stocked,images,category,handedness,artist_owned,shipping_profiles,length_cm,width_cm,height_cm,discogs_release_id,status\n" +
            "G-1,Strat,\"<p>Nice,\nreally</p>\",1234.50,GBP,ebay=+10%;shopify=-5%@1000/999,3,true,a/1.jpg|a/2.jpg,guitars/electric,left,yes,ebay=policy-1,100,40,12,249504,active\n");
        var product = rows.ShouldHaveSingleItem().Product.ShouldNotBeNull();
        product.DescriptionHtml.ShouldBe("<p>Nice,\nreally</p>");
        product.BasePrice.ShouldBe(1234.50m);
        product.PriceRules.Count.ShouldBe(2);
        product.Images.Select(i => i.Blob).ShouldBe(["a/1.jpg", "a/2.jpg"]);
        product.Handedness.ShouldBe(Marketplace.Shared.Catalog.Products.Handedness.Left);
        product.ArtistOwned.ShouldBeTrue();
        product.Dimensions.ShouldNotBeNull().WidthCm.ShouldBe(40m);
        product.Identifiers.ShouldNotBeNull().DiscogsReleaseId.ShouldBe(249504);
        product.Status.ShouldBe(Marketplace.Shared.Catalog.Products.ProductStatus.Active);
    }

    [Fact]
    public async Task BadRows_ReportLineAndColumn_ForEveryProblem()
    {
        var rows = await ReadAsync(
            "sku,title,base_price,quantity,year\n" +
            "OK-1,Fine,10,1,1990\n" +
            "BAD-1,,abc,1,1990\n" +
            "\"BAD-2\",\"multi\nline\",10,-1,1990\n" +
            "OK-1,Duplicate,10,1,1990\n" +
            "BAD 3,Title,10,1,3000\n");
        var errors = rows.SelectMany(r => r.Errors).Select(e => (e.Line, e.Column)).ToList();
        errors.ShouldBe([(3, "title"), (3, "base_price"), (4, "quantity"), (6, "sku"), (7, "sku"), (7, "year")], ignoreOrder: true);
        rows.Count(r => r.Product is not null).ShouldBe(1);
    }

    [Fact]
    public async Task ReverbAccounts_AreKeysSeparatedByBars_AndAnEmptyCellIsTheDefaultShopOnly()
    {
        var rows = await ReadAsync("sku,title,base_price,reverb_accounts\nRA-1,Two shops,10, default | b \nRA-2,Default shop,10,\n");

        rows.SelectMany(r => r.Errors).ShouldBeEmpty();
        rows[0].Product.ShouldNotBeNull().ReverbAccounts.ShouldBe(["default", "b"]);
        rows[1].Product.ShouldNotBeNull().ReverbAccounts.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("default|Shop B")]
    [InlineData("b|b")]
    public async Task BadReverbAccounts_AreARowError_NamingTheColumnAndLine_WithTheProductApisMessage(string accounts)
    {
        var rows = await ReadAsync($"sku,title,base_price,reverb_accounts\nRA-OK,Fine,10,default|b\nRA-BAD,Bad,10,{accounts}\n");

        rows[0].Errors.ShouldBeEmpty();
        rows[1].Product.ShouldBeNull();
        var error = rows[1].Errors.ShouldHaveSingleItem();
        (error.Line, error.Column).ShouldBe((3, "reverb_accounts"));
        var api = ProductValidator.Validate(new Product { Sku = "RA-BAD", Title = "Bad", BasePrice = 10m, ReverbAccounts = accounts.Split('|') });
        error.Message.ShouldBe(api["reverbAccounts"].ShouldHaveSingleItem());
    }

    [Fact]
    public async Task FileWithoutTheReverbAccountsColumn_StillReads_AsTheDefaultShopOnly()
    {
        var rows = await ReadAsync("sku,title,base_price,images,status\nOLD-1,Older export,10,a/1.jpg,active\n");

        var product = rows.ShouldHaveSingleItem().Product.ShouldNotBeNull();
        product.ReverbAccounts.ShouldBeEmpty();
        product.Images.ShouldHaveSingleItem();
    }

    [Fact]
    public async Task UnknownOrMissingColumns_AreHeaderErrors()
    {
        var rows = await ReadAsync("sku,titel,base_price\nA,B,1\n");
        var errors = rows.ShouldHaveSingleItem().Errors;
        errors.ShouldAllBe(e => e.Line == 1);
        errors.Select(e => e.Column).ShouldBe(["titel", "title"], ignoreOrder: true);
    }

    [Fact]
    public async Task EmptyFile_IsAnError() => (await ReadAsync(string.Empty)).ShouldHaveSingleItem().Errors.ShouldNotBeEmpty();
}
