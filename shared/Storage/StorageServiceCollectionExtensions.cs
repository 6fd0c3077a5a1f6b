using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Marketplace.Shared.Storage;

/// <summary>Registration of the Azure SDK storage clients of the app's storage account.</summary>
public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers <paramref name="account"/> and its <see cref="BlobServiceClient"/>, <see cref="QueueServiceClient"/> and
    /// <see cref="TableServiceClient"/> (see <see cref="AddStorageClients(IServiceCollection)"/>).
    /// </summary>
    public static IServiceCollection AddStorageClients(this IServiceCollection services, StorageAccount account)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(account);
        services.TryAddSingleton(account);
        return services.AddStorageClients();
    }

    /// <summary>
    /// Registers <see cref="BlobServiceClient"/>, <see cref="QueueServiceClient"/> and <see cref="TableServiceClient"/>
    /// singletons through Microsoft.Extensions.Azure (<c>AddAzureClients</c>), built from the registered
    /// <see cref="StorageAccount"/> (usually <see cref="StorageAccount.FromConfiguration"/> of <c>AzureWebJobsStorage</c>,
    /// connection string or identity-based). Blob and Queue clients pin <see cref="StorageAccount.BlobServiceVersion"/>;
    /// queue messages are base64 on the wire (<see cref="QueueMessageEncoding.Base64"/>), the encoding of Azure Functions
    /// queue triggers. Calling it again changes nothing.
    /// </summary>
    public static IServiceCollection AddStorageClients(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(d => d.ServiceType == typeof(StorageClientsMarker)))
        {
            return services;
        }

        services.AddSingleton<StorageClientsMarker>();
        services.AddAzureClients(clients =>
        {
            // The factory's options would carry the SDK's default service version, which Azurite refuses: the account's own options are used.
            clients.AddClient<BlobServiceClient, BlobClientOptions>((_, sp) => sp.GetRequiredService<StorageAccount>().CreateBlobServiceClient());
            clients.AddClient<QueueServiceClient, QueueClientOptions>((_, sp) =>
                sp.GetRequiredService<StorageAccount>().CreateQueueServiceClient(StorageAccount.CreateQueueClientOptions(QueueMessageEncoding.Base64)));
            clients.AddClient<TableServiceClient, TableClientOptions>((_, sp) => sp.GetRequiredService<StorageAccount>().CreateTableServiceClient());
        });
        return services;
    }

    private sealed class StorageClientsMarker;
}
