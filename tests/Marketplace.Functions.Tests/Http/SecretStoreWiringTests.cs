using Marketplace.Functions.Tests.Support;
using Marketplace.Shared.Secrets;
using Marketplace.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;

namespace Marketplace.Functions.Tests.Http;

/// <summary>
/// The app must have a writable secret store (the Shopify OAuth callback saves the shop's token there): without
/// <c>KeyVault__VaultUri</c> the local table store, with reads falling back to configuration.
/// </summary>
[Trait("Category", "Integration")]
public sealed class SecretStoreWiringTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task App_WithoutKeyVault_SavesSecretsInStorage_AndStillReadsConfiguredOnes()
    {
        var settings = FunctionsAppFactory.StandaloneSettings(azurite.ConnectionString, AzuriteFixture.UniqueName("state"), triggers: false);
        settings["Wiring:Configured"] = "from-settings";
        await using var app = new FunctionsAppFactory(settings);
        var store = app.Services.GetRequiredService<ISecretStore>();
        var name = SecretNames.Compose("shopify", AzuriteFixture.UniqueName("shop"), "access-token");

        await store.SetSecretAsync(name, "shpat_test_value");

        (await store.GetSecretAsync(name)).ShouldBe("shpat_test_value");
        (await store.GetSecretAsync("Wiring--Configured")).ShouldBe("from-settings");
        await store.DeleteSecretAsync(name);
        (await store.GetSecretAsync(name)).ShouldBeNull();
    }
}
