using Marketplace.Shared.Marketplaces;
using Marketplace.Shared.Shopify;
using Shouldly;
using Xunit;

namespace Marketplace.Sandbox.Tests.Shopify;

[Collection(ShopifySandboxCollection.Name)]
[Trait("Category", "Integration")]
public sealed class ShopifyEndListingTests(ShopifySandboxFixture fixture)
{
    [Fact]
    public async Task EndByRecordedProductId_ArchivesWithOneMutation_NoSkuSearch()
    {
        var (client, shop) = fixture.NewShop();
        IMarketplaceConnector connector = new ShopifyConnector(client);
        var draft = ShopifySandboxFixture.Draft(3);
        var listed = await connector.UpsertListingAsync(draft);
        var before = Interlocked.Read(ref shop.RequestCount);

        await connector.EndListingAsync(draft.Sku, listed.ExternalId, "sold elsewhere");

        (Interlocked.Read(ref shop.RequestCount) - before).ShouldBe(1);
        (await connector.FindListingAsync(draft.Sku))!.Status.ShouldBe("ENDED");
    }

    [Fact]
    public async Task EndByAProductIdShopifyNoLongerHas_FallsBackToTheSkuSearch()
    {
        var (client, _) = fixture.NewShop();
        IMarketplaceConnector connector = new ShopifyConnector(client);
        var draft = ShopifySandboxFixture.Draft(4);
        var gone = await connector.UpsertListingAsync(draft);
        (await client.DeleteProductAsync(gone.ExternalId)).ShouldBeTrue();
        var relisted = await connector.UpsertListingAsync(draft);

        await connector.EndListingAsync(draft.Sku, gone.ExternalId, "sold elsewhere");

        relisted.ExternalId.ShouldNotBe(gone.ExternalId);
        (await connector.FindListingAsync(draft.Sku))!.Status.ShouldBe("ENDED");
    }
}
