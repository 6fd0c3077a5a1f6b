using Marketplace.Sandbox.Reverb;
using Marketplace.Shared.Marketplaces;
using Marketplace.Shared.Reverb;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Shouldly;
using Xunit;

namespace Marketplace.Sandbox.Tests.Reverb;

/// <summary>The Reverb connector over two shops (default and <c>b</c>) and Reverb's Left-Handed sub-category, against the sandbox.</summary>
[Trait("Category", "Integration")]
public sealed class ReverbAccountsTests : ReverbSandboxTestBase
{
    private const string LeftHanded = "5e3c4d1e-2f7a-4c6b-9a8d-0b1c2d3e4f5a";

    [Fact]
    public async Task Upsert_ListsInTheNamedShopsOnly_WithSeparateTokensAndListings()
    {
        var connector = new ReverbConnector(Accounts());

        await connector.UpsertListingAsync(Draft("TWO-1") with { Attributes = Shops("default,b") });
        await connector.UpsertListingAsync(Draft("ONE-B") with { Attributes = Shops("b") });

        Sandbox.FindBySku("TWO-1", liveOnly: true).ShouldHaveSingleItem();
        Server.ReverbShop("b").FindBySku("TWO-1", liveOnly: true).ShouldHaveSingleItem();
        Sandbox.FindBySku("ONE-B", liveOnly: false).ShouldBeEmpty();
        Server.ReverbShop("b").FindBySku("ONE-B", liveOnly: true).ShouldHaveSingleItem();
        (await CreateClient().FindListingBySkuAsync("ONE-B")).ShouldBeNull();
    }

    [Fact]
    public async Task TakingAShopOffTheList_EndsTheListingThere_AndQuantityAndEndReachEveryShop()
    {
        var connector = new ReverbConnector(Accounts());
        await connector.UpsertListingAsync(Draft("MOVE-1", quantity: 3) with { Attributes = Shops("default,b") });

        await connector.SetQuantityAsync("MOVE-1", 2);
        Sandbox.InventoryOf("MOVE-1").ShouldBe(2);
        Server.ReverbShop("b").InventoryOf("MOVE-1").ShouldBe(2);
        await connector.UpsertListingAsync(Draft("MOVE-1", quantity: 2) with { Attributes = Shops("b") });
        Sandbox.FindBySku("MOVE-1", liveOnly: true).ShouldBeEmpty();
        Server.ReverbShop("b").FindBySku("MOVE-1", liveOnly: true).ShouldHaveSingleItem();
        await connector.EndListingAsync("MOVE-1", "not_sold");

        Server.ReverbShop("b").FindBySku("MOVE-1", liveOnly: true).ShouldBeEmpty();
    }

    [Fact]
    public async Task SalesArePolledFromEveryShop_AndAnUnknownShopIsRefused()
    {
        var since = DateTimeOffset.UtcNow.AddMinutes(-1);
        var connector = new ReverbConnector(Accounts());
        await connector.UpsertListingAsync(Draft("SOLD-1", quantity: 2) with { Attributes = Shops("default,b") });
        Sandbox.CreateOrder("SOLD-1", 1);
        Server.ReverbShop("b").CreateOrder("SOLD-1", 1);

        var sales = await connector.GetSalesSinceAsync(since).ToListAsync();

        sales.Count.ShouldBe(2);
        sales.Select(s => s.EventId).Distinct().Count().ShouldBe(2);
        var refused = await Should.ThrowAsync<ReverbValidationException>(() => connector.UpsertListingAsync(Draft("NOPE-1") with { Attributes = Shops("c") }));
        refused.Fields.Keys.ShouldContain(ReverbAccounts.DraftAttribute);
    }

    [Fact]
    public async Task LeftHandedItem_CarriesTheLeftHandedSubCategory_AndReadsBackWithIt()
    {
        var connector = new ReverbConnector(CreateClient());
        var draft = Draft("LEFT-1") with
        {
            Attributes = new Dictionary<string, string> { ["handedness"] = "LEFT", ["leftHanded"] = "true", ["leftHandedCategoryId"] = LeftHanded },
        };

        await connector.UpsertListingAsync(draft);
        var remote = await new ReverbListingReader(CreateClient()).GetListingAsync("LEFT-1");

        var categories = Sandbox.FindBySku("LEFT-1", liveOnly: false).ShouldHaveSingleItem()["categories"]!.AsArray().Select(c => c!["uuid"]!.GetValue<string>());
        categories.ShouldBe(["dfd39027-d134-4353-b9e4-57dc6be791b9", LeftHanded]);
        remote!.CategoryIds.ShouldBe(["dfd39027-d134-4353-b9e4-57dc6be791b9", LeftHanded]);
        await Should.ThrowAsync<ReverbValidationException>(() => connector.UpsertListingAsync(Draft("LEFT-2") with
        {
            Attributes = new Dictionary<string, string> { ["leftHanded"] = "true" },
        }));
        Sandbox.FindBySku("LEFT-2", liveOnly: false).ShouldBeEmpty();
    }

    [Fact]
    public async Task EachShopShipsUnderItsOwnProfile_TheDefaultShopsIdIsNeverSentToShopB_AndTheAuditReadsEachShop()
    {
        var shopB = Server.ReverbShop("b");
        foreach (var id in new long[] { 4242, 4243 })
        {
            Sandbox.ShippingProfiles.Add(id);
        }

        foreach (var id in new long[] { 5151, 5199 })
        {
            shopB.ShippingProfiles.Add(id);
        }

        var options = new ReverbAccountOptions { ShippingProfiles = { ["4242"] = "5151" }, ShippingProfileId = "5199" };
        var connector = new ReverbConnector(new ReverbAccounts(CreateClient(), [new ReverbAccount("b", ShopBClient(), options)]));

        await connector.UpsertListingAsync(Draft("SHIP-1") with { Attributes = Shops("default,b") });
        await connector.UpsertListingAsync(Draft("SHIP-2") with { ShippingProfileId = "4243", Attributes = Shops("default,b") });
        var audit = await ((IShippingProfileReader)connector).GetShopShippingProfilesAsync("SHIP-1", "4242");

        (Profile(Sandbox, "SHIP-1"), Profile(shopB, "SHIP-1")).ShouldBe((4242, 5151));
        (Profile(Sandbox, "SHIP-2"), Profile(shopB, "SHIP-2")).ShouldBe((4243, 5199), "an unmapped profile: shop b's own default");
        shopB.Update(Id(shopB, "SHIP-1"), new System.Text.Json.Nodes.JsonObject { ["shipping_profile_id"] = 5199L });
        var drifted = await ((IShippingProfileReader)connector).GetShopShippingProfilesAsync("SHIP-1", "4242");
        audit.ShouldBe([new ShopShippingProfile("default", "4242", "4242", "4242"), new ShopShippingProfile("b", "5151", "5151", "5151")]);
        drifted[1].ShouldBe(new ShopShippingProfile("b", "5151", "5151", "5199"));
        var refused = await Should.ThrowAsync<ReverbValidationException>(() => new ReverbConnector(ShopBClient()).UpsertListingAsync(Draft("SHIP-3")));
        refused.Fields.Keys.ShouldContain("shipping_profile_id", "the sandbox refuses another shop's profile, as Reverb does");
    }

    [Fact]
    public void AShopWithoutProfiles_GetsNone_AndTheDefaultShopGetsTheProductsProfileAsItIs()
    {
        var plain = new ReverbAccount("b", ShopBClient());
        var mapped = new ReverbAccount("b", ShopBClient(), new ReverbAccountOptions { ShippingProfiles = { ["1"] = "2" } });

        new ReverbAccount(ReverbAccounts.DefaultKey, CreateClient()).ShippingProfileFor("1").ShouldBe("1");
        plain.ShippingProfileFor("1").ShouldBeNull();
        (mapped.ShippingProfileFor("1"), mapped.ShippingProfileFor("3"), mapped.ShippingProfileFor(null)).ShouldBe(("2", null, null));
    }

    [Fact]
    public void ShopProfileSettingsThatAreNotReverbIds_StopStartUp_NamingEachSetting()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Reverb:AccessToken"] = "token-a",
            ["Reverb:Accounts:b:AccessToken"] = "token-b",
            ["Reverb:Accounts:b:ShippingProfiles:4242"] = "ground",
            ["Reverb:Accounts:b:ShippingProfileId"] = "5199",
        }).Build();
        using var services = new ServiceCollection().AddLogging().AddReverb(configuration).BuildServiceProvider();

        var failed = Should.Throw<OptionsValidationException>(() => services.GetRequiredService<IOptions<ReverbClientOptions>>().Value);

        failed.Failures.ShouldHaveSingleItem().ShouldStartWith("Reverb:Accounts:b:ShippingProfiles:4242 must be a Reverb shipping profile id");
    }

    private ReverbClient ShopBClient() => CreateClient(o => o.AccessToken = Server.ReverbShop("b").Options.AccessToken);

    private static long Id(ReverbSandboxState shop, string sku) => shop.FindBySku(sku, liveOnly: false).ShouldHaveSingleItem()["id"]!.GetValue<long>();

    private static long Profile(ReverbSandboxState shop, string sku) =>
        shop.FindBySku(sku, liveOnly: false).ShouldHaveSingleItem()["shipping_profile_id"]!.GetValue<long>();

    private ReverbAccounts Accounts() =>
        new(CreateClient(), [new ReverbAccount("b", ShopBClient())]);

    private static Dictionary<string, string> Shops(string keys) => new() { [ReverbAccounts.DraftAttribute] = keys };
}
