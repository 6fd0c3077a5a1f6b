using Azure.Identity;
using Marketplace.Shared.Storage;
using Marketplace.Shared.Storage.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Marketplace.Shared.Secrets;

/// <summary>Registers the app's writable <see cref="ISecretStore"/>.</summary>
public static class SecretStoreServiceCollectionExtensions
{
    /// <summary>The setting naming the Key Vault (<c>KeyVault__VaultUri</c> as an app setting).</summary>
    public const string VaultUriKey = "KeyVault:VaultUri";

    /// <summary>
    /// Registers the <see cref="ISecretStore"/> singleton unless one is registered already: with
    /// <c>KeyVault:VaultUri</c> set, a <see cref="KeyVaultSecretStore"/> authenticated by
    /// <see cref="DefaultAzureCredential"/> (the managed identity in Azure); otherwise a <see cref="TableSecretStore"/>
    /// in <paramref name="account"/> (local development only). Either way reads fall back to configuration
    /// (<see cref="LayeredSecretStore"/> over <see cref="ConfigurationSecretStore"/>).
    /// </summary>
    /// <exception cref="InvalidOperationException"><c>KeyVault:VaultUri</c> is set but not an absolute https URI.</exception>
    public static IServiceCollection AddSecretStore(this IServiceCollection services, IConfiguration configuration, StorageAccount account)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(account);
        var vaultUri = ReadVaultUri(configuration);
        services.TryAddSingleton<ISecretStore>(provider =>
        {
            ISecretStore writable = vaultUri is null
                ? new TableSecretStore(new TableServiceClient(account, logger: provider.GetService<ILogger<TableServiceClient>>()))
                : new KeyVaultSecretStore(vaultUri, new DefaultAzureCredential(), logger: provider.GetService<ILogger<KeyVaultSecretStore>>());
            return new LayeredSecretStore(writable, new ConfigurationSecretStore(configuration));
        });
        return services;
    }

    /// <summary>The vault URI from configuration, or null when unset.</summary>
    /// <exception cref="InvalidOperationException">The setting is not an absolute https URI.</exception>
    public static Uri? ReadVaultUri(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var text = configuration[VaultUriKey];
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps
            ? uri
            : throw new InvalidOperationException(
                $"Setting '{VaultUriKey}' (app setting KeyVault__VaultUri) must be an absolute https URI such as https://my-vault.vault.azure.net/, but was '{text}'.");
    }
}
