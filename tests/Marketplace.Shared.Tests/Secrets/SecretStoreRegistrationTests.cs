using Marketplace.Shared.Secrets;
using Marketplace.Shared.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;

namespace Marketplace.Shared.Tests.Secrets;

public sealed class SecretStoreRegistrationTests
{
    private static readonly StorageAccount Account = StorageAccount.Parse("UseDevelopmentStorage=true");

    private static ISecretStore Resolve(string? vaultUri, string? azureSite = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                [SecretStoreServiceCollectionExtensions.VaultUriKey] = vaultUri, [SecretStoreServiceCollectionExtensions.AzureSiteNameKey] = azureSite,
            })
            .Build();
        using var provider = new ServiceCollection().AddSecretStore(configuration, Account).BuildServiceProvider();
        return provider.GetRequiredService<ISecretStore>();
    }

    [Fact]
    public void WithoutVaultUri_RegistersTableStoreOverConfiguration()
    {
        var store = Resolve(null).ShouldBeOfType<LayeredSecretStore>();

        store.Writable.ShouldBeOfType<TableSecretStore>();
        store.Fallback.ShouldBeOfType<ConfigurationSecretStore>();
    }

    [Fact]
    public void WithVaultUri_RegistersKeyVaultStoreOverConfiguration()
    {
        var store = Resolve("https://my-vault.vault.azure.net/").ShouldBeOfType<LayeredSecretStore>();

        store.Writable.ShouldBeOfType<KeyVaultSecretStore>().VaultUri.ShouldBe(new Uri("https://my-vault.vault.azure.net/"));
        store.Fallback.ShouldBeOfType<ConfigurationSecretStore>();
    }

    [Theory]
    [InlineData("http://my-vault.vault.azure.net/")]
    [InlineData("my-vault")]
    public void WithVaultUriNotHttps_FailsAtRegistration_NamingTheSetting(string vaultUri)
    {
        var ex = Should.Throw<InvalidOperationException>(() => Resolve(vaultUri));

        ex.Message.ShouldContain("KeyVault:VaultUri");
    }

    [Fact]
    public void InAzureWithoutVaultUri_FailsAtRegistration_NamingTheSetting()
    {
        var ex = Should.Throw<InvalidOperationException>(() => Resolve(null, azureSite: "mkt-func-abc"));

        ex.Message.ShouldContain("KeyVault__VaultUri");
    }

    [Fact]
    public void InAzureWithVaultUri_UsesKeyVault()
    {
        Resolve("https://my-vault.vault.azure.net/", azureSite: "mkt-func-abc").ShouldBeOfType<LayeredSecretStore>().Writable.ShouldBeOfType<KeyVaultSecretStore>();
    }

    [Fact]
    public void ExistingRegistration_IsKept()
    {
        var existing = new InMemorySecretStore();
        var services = new ServiceCollection().AddSingleton<ISecretStore>(existing);

        services.AddSecretStore(new ConfigurationBuilder().Build(), Account);

        using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<ISecretStore>().ShouldBeSameAs(existing);
    }
}
