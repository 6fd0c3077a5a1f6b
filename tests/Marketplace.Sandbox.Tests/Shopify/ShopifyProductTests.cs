using Marketplace.Shared.Shopify;
using Shouldly;
using Xunit;

namespace Marketplace.Sandbox.Tests.Shopify;

[Collection(ShopifySandboxCollection.Name)]
[Trait("Category", "Integration")]
public sealed class ShopifyProductTests(ShopifySandboxFixture fixture)
{
    [Fact]
    public async Task SetProduct_ThenPull_ReturnsEveryMappedField()
    {
        var (client, _) = fixture.NewShop();
        var draft = ShopifySandboxFixture.Draft(42) with { Quantity = 0 };

        var written = await client.SetProductAsync(draft);
        var pulled = await client.GetProductsUpdatedSinceAsync(DateTimeOffset.UtcNow.AddMinutes(-5)).ToListAsync();

        written.Sku.ShouldBe(draft.Sku);
        pulled.Count.ShouldBe(1);
        pulled[0].Id.ShouldBe(written.ProductId);
        ShopifySandboxFixture.Canonical(ShopifyProductMapper.ToListingDraft(pulled[0])).ShouldBe(ShopifySandboxFixture.Canonical(draft));
        pulled[0].Metafields.ShouldContain(m => m.Key == "artist_owned" && m.Type == "boolean");
    }

    [Fact]
    public async Task SetProduct_WithAWeight_SetsTheVariantsShippingWeight_AndAnUpdateWithoutOneKeepsIt()
    {
        var (client, shop) = fixture.NewShop();
        var draft = ShopifySandboxFixture.Draft(43) with { WeightKg = 3.6m };

        await client.SetProductAsync(draft);
        var set = shop.WeightOf(draft.Sku);
        await client.SetProductAsync(draft with { WeightKg = null, Title = "Renamed" });

        set.ShouldBe((3.6m, "KILOGRAMS"));
        shop.WeightOf(draft.Sku).ShouldBe((3.6m, "KILOGRAMS"));
        shop.WeightOf(ShopifySandboxFixture.Draft(44).Sku).ShouldBeNull();
    }

    [Fact]
    public async Task SetProduct_WithBlankTitle_SurfacesUserErrorNamingTheField()
    {
        var (client, shop) = fixture.NewShop();

        var error = await Should.ThrowAsync<ShopifyUserErrorException>(() => client.SetProductAsync(ShopifySandboxFixture.Draft(1) with { Title = " " }));

        error.Mutation.ShouldBe("productSet");
        error.UserErrors.ShouldHaveSingleItem().FieldPath.ShouldBe("input.title");
        error.Message.ShouldContain("input.title");
        error.IsTransient.ShouldBeFalse();
        shop.ProductCount.ShouldBe(0);
    }

    [Fact]
    public async Task SetProduct_WithNegativePrice_NamesTheVariantPriceField()
    {
        var (client, _) = fixture.NewShop();

        var error = await Should.ThrowAsync<ShopifyUserErrorException>(() => client.SetProductAsync(ShopifySandboxFixture.Draft(1) with { Price = -1 }));

        error.UserErrors.ShouldHaveSingleItem().Field.ShouldBe(["input", "variants", "0", "price"]);
    }

    [Fact]
    public async Task SetProduct_Twice_UpsertsBySkuCustomId()
    {
        var (client, shop) = fixture.NewShop();

        var first = await client.SetProductAsync(ShopifySandboxFixture.Draft(7));
        var second = await client.SetProductAsync(ShopifySandboxFixture.Draft(7) with { Title = "Renamed" });

        second.ProductId.ShouldBe(first.ProductId);
        shop.ProductCount.ShouldBe(1);
    }

    [Fact]
    public async Task PullSince_PagesThroughEveryProduct()
    {
        var (client, _) = fixture.NewShop();
        for (var i = 0; i < 7; i++)
        {
            await client.SetProductAsync(ShopifySandboxFixture.Draft(i));
        }

        var pulled = await client.GetProductsUpdatedSinceAsync(null, pageSize: 3).ToListAsync();

        pulled.Select(p => p.Variants[0].Sku).ShouldBe(Enumerable.Range(0, 7).Select(i => ShopifySandboxFixture.Draft(i).Sku), ignoreOrder: true);
        pulled.Select(p => p.Id).Distinct().Count().ShouldBe(7);
    }

    [Fact]
    public async Task ArchiveAndDelete_AreIdempotent()
    {
        var (client, shop) = fixture.NewShop();
        var product = await client.SetProductAsync(ShopifySandboxFixture.Draft(3));

        (await client.ArchiveProductAsync(product.ProductId)).Status.ShouldBe("ARCHIVED");
        (await client.DeleteProductAsync(product.ProductId)).ShouldBeTrue();
        (await client.DeleteProductAsync(product.ProductId)).ShouldBeFalse();
        shop.ProductCount.ShouldBe(0);
    }

    [Fact]
    public async Task Connector_UpsertFindEnd_FollowsTheSku()
    {
        var (client, shop) = fixture.NewShop();
        var connector = new ShopifyConnector(client);
        var draft = ShopifySandboxFixture.Draft(5) with { Quantity = 3 };

        var created = await connector.UpsertListingAsync(draft);
        var again = await connector.UpsertListingAsync(draft with { Price = 999m });
        var found = await connector.FindListingAsync(draft.Sku);
        await connector.EndListingAsync(draft.Sku, "sold elsewhere");
        await connector.EndListingAsync(draft.Sku, "sold elsewhere");

        again.ExternalId.ShouldBe(created.ExternalId);
        found.ShouldNotBeNull().ExternalId.ShouldBe(created.ExternalId);
        found.Url!.ToString().ShouldStartWith($"https://{client.Options.ShopDomain}/products/");
        (await connector.FindListingAsync(draft.Sku))!.Status.ShouldBe("ENDED");
        (await connector.FindListingAsync("NO-SUCH-SKU")).ShouldBeNull();
        shop.CountWithSku(draft.Sku).ShouldBe(1);
        shop.AvailableFor(draft.Sku).ShouldBe(3);
    }
}
