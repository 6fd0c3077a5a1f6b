using Marketplace.Shared.Shopify;
using Shouldly;
using Xunit;

namespace Marketplace.Sandbox.Tests.Shopify;

[Collection(ShopifySandboxCollection.Name)]
[Trait("Category", "Integration")]
public sealed class ShopifyDeliveryProfileTests(ShopifySandboxFixture fixture)
{
    [Fact]
    public async Task Upsert_WithAShippingProfile_MovesTheVariantIntoThatDeliveryProfile()
    {
        var (client, _) = fixture.NewShop();
        var profile = await CreateProfileAsync(client, "Guitars UK");
        var connector = new ShopifyConnector(client);
        var draft = ShopifySandboxFixture.Draft(3) with { ShippingProfileId = profile };

        await connector.UpsertListingAsync(draft);
        var variant = (await client.FindVariantBySkuAsync(draft.Sku))!.Value.Product.VariantId!;

        (await client.GetVariantDeliveryProfileAsync(variant)).ShouldBe(profile);
        await connector.UpsertListingAsync(draft with { ShippingProfileId = null });
        (await client.GetVariantDeliveryProfileAsync(variant)).ShouldBe(profile);
    }

    [Fact]
    public async Task NewVariant_ShipsUnderTheDefaultProfile_AndNumericIdsNameTheSameProfile()
    {
        var (client, _) = fixture.NewShop();
        var written = await client.SetProductAsync(ShopifySandboxFixture.Draft(4));
        var profile = await CreateProfileAsync(client, "Amps");

        var before = await client.GetVariantDeliveryProfileAsync(written.VariantId!);
        await client.AssignDeliveryProfileAsync(profile[(profile.LastIndexOf('/') + 1)..], [written.VariantId!]);

        before.ShouldNotBeNull().ShouldNotBe(profile);
        (await client.GetVariantDeliveryProfileAsync(written.VariantId!)).ShouldBe(profile);
    }

    [Fact]
    public async Task UnknownProfile_IsAUserErrorNamingTheId()
    {
        var (client, _) = fixture.NewShop();
        var written = await client.SetProductAsync(ShopifySandboxFixture.Draft(5));

        var error = await Should.ThrowAsync<ShopifyUserErrorException>(() => client.AssignDeliveryProfileAsync("424242", [written.VariantId!]));

        error.Mutation.ShouldBe("deliveryProfileUpdate");
        error.UserErrors.ShouldHaveSingleItem().Field.ShouldBe(["id"]);
    }

    [Theory]
    [InlineData("123", "gid://shopify/DeliveryProfile/123")]
    [InlineData("gid://shopify/DeliveryProfile/77", "gid://shopify/DeliveryProfile/77")]
    [InlineData("fulfilment-1", null)]
    [InlineData("gid://shopify/Product/77", null)]
    [InlineData(null, null)]
    public void DeliveryProfileGid_AcceptsOnlyDeliveryProfileIds(string? setting, string? gid) => ShopifyClient.DeliveryProfileGid(setting).ShouldBe(gid);

    private static async Task<string> CreateProfileAsync(ShopifyClient client, string name)
    {
        var data = await client.ExecuteAsync("deliveryProfileCreate",
            "mutation deliveryProfileCreate($profile: DeliveryProfileInput!) { deliveryProfileCreate(profile: $profile) { profile { id } userErrors { field message } } }",
            w =>
            {
                w.WriteStartObject("profile");
                w.WriteString("name", name);
                w.WriteEndObject();
            });
        return data.GetProperty("deliveryProfileCreate").GetProperty("profile").GetProperty("id").GetString()!;
    }
}
