using Azure.Data.Tables;
using Marketplace.Shared.Secrets;
using Marketplace.TestSupport;
using Microsoft.Extensions.Configuration;
using Shouldly;
using Xunit;

namespace Marketplace.Shared.Tests.Secrets;

[Trait("Category", "Integration")]
public sealed class TableSecretStoreTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private TableSecretStore NewStore() => new(azurite.Account.CreateTableServiceClient(), AzuriteFixture.UniqueName("secrets"));

    [Fact]
    public async Task Get_BeforeAnyWrite_ReturnsNull()
    {
        (await NewStore().GetSecretAsync("shopify--shop--access-token")).ShouldBeNull();
    }

    [Fact]
    public async Task Set_ThenGet_ReturnsValue_CaseInsensitively()
    {
        var store = NewStore();

        await store.SetSecretAsync("shopify--My-Shop--access-token", "shpat_1");

        (await store.GetSecretAsync("shopify--my-shop--access-token")).ShouldBe("shpat_1");
    }

    [Fact]
    public async Task Set_Twice_Overwrites()
    {
        var store = NewStore();

        await store.SetSecretAsync("token", "old");
        await store.SetSecretAsync("token", "new");

        (await store.GetSecretAsync("token")).ShouldBe("new");
    }

    [Fact]
    public async Task Delete_RemovesSecret_AndMissingDeleteIsNoOp()
    {
        var store = NewStore();
        await store.DeleteSecretAsync("never-created");
        await store.SetSecretAsync("token", "value");

        await store.DeleteSecretAsync("token");
        await store.DeleteSecretAsync("token");

        (await store.GetSecretAsync("token")).ShouldBeNull();
    }

    [Fact]
    public async Task Set_AfterDelete_StoresAgain()
    {
        var store = NewStore();
        await store.SetSecretAsync("token", "first");
        await store.DeleteSecretAsync("token");

        await store.SetSecretAsync("token", "second");

        (await store.GetSecretAsync("token")).ShouldBe("second");
    }

    [Fact]
    public async Task Layered_ReadsFallBackToConfiguration_UntilTheStoreHasAValue()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["shopify:shop:access-token"] = "from-settings" })
            .Build();
        var store = new LayeredSecretStore(NewStore(), new ConfigurationSecretStore(configuration));

        (await store.GetSecretAsync("shopify--shop--access-token")).ShouldBe("from-settings");
        await store.SetSecretAsync("shopify--shop--access-token", "from-oauth");
        (await store.GetSecretAsync("shopify--shop--access-token")).ShouldBe("from-oauth");
        await store.DeleteSecretAsync("shopify--shop--access-token");
        (await store.GetSecretAsync("shopify--shop--access-token")).ShouldBe("from-settings");
    }

    [Fact]
    public async Task ToString_NeverShowsValues()
    {
        var store = NewStore();
        await store.SetSecretAsync("token", "super-secret-value");

        store.ToString().ShouldNotContain("super-secret-value");
    }
}
