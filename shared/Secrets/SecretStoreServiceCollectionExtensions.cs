using Azure.Data.Tables;
using Azure.Identity;
using Marketplace.Shared.Storage;
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

    /// <summary>Set by App Service (and so by Azure Functions) on every app it hosts: the app runs in Azure.</summary>
    public const string AzureSiteNameKey = "WEBSITE_SITE_NAME";

    /// <summary>
    /// Registers the <see cref="ISecretStore"/> singleton unless one is registered already: with
    /// <c>KeyVault:VaultUri</c> set, a <see cref="KeyVaultSecretStore"/> authenticated by
    /// <see cref="DefaultAzureCredential"/> (the managed identity in Azure); otherwise a <see cref="TableSecretStore"/>
    /// in <paramref name="account"/> (local development only). Either way reads fall back to configuration
    /// (<see cref="LayeredSecretStore"/> over <see cref="ConfigurationSecretStore"/>).
    /// </summary>
    /// <exception cref="InvalidOperationException"><c>KeyVault:VaultUri</c> is set but not an absolute https URI, or unset in Azure
    /// (<c>WEBSITE_SITE_NAME</c> set): the table store keeps values in plain text and is for local development only.</exception>
    public static IServiceCollection AddSecretStore(this IServiceCollection services, IConfiguration configuration, StorageAccount account)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(account);
        var vaultUri = ReadVaultUri(configuration);
        if (vaultUri is null && !string.IsNullOrEmpty(configuration[AzureSiteNameKey]))
        {
            // In Azure (App Service sets WEBSITE_SITE_NAME) tokens must not land in plain text in the storage account.
            throw new InvalidOperationException(
                $"Setting '{VaultUriKey}' (app setting KeyVault__VaultUri) is required when running in Azure: OAuth tokens are kept in Key Vault there. infra-bicep/main.bicep sets it.");
        }

        if (vaultUri is null)
        {
            services.AddStorageClients(account);
        }

        services.TryAddSingleton<ISecretStore>(provider =>
        {
            ISecretStore writable = vaultUri is null
                ? new TableSecretStore(provider.GetRequiredService<TableServiceClient>())
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
