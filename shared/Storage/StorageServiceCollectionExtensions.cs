using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Marketplace.Shared.Storage;

/// <summary>Registration of the Azure SDK storage clients of the app's storage account.</summary>
public static class StorageServiceCollectionExtensions
{
    private const string AzureCoreCategory = "Azure.Core";

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
    /// queue triggers. Every client retries 5 times, exponentially from 0.8 s up to 30 s. The SDK's per-request logs (category
    /// <c>Azure.Core</c>, Information) are filtered to warnings unless configuration sets that category. Calling it again changes nothing.
    /// </summary>
    public static IServiceCollection AddStorageClients(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(d => d.ServiceType == typeof(StorageClientsMarker)))
        {
            return services;
        }

        services.AddSingleton<StorageClientsMarker>();

        // The SDK logs every request and response at Information (the hand-written clients did at Debug): only its
        // warnings and errors reach the app's logs. A "Logging:LogLevel:Azure.Core" setting can still lower it.
        services.Configure<LoggerFilterOptions>(o => o.Rules.Insert(0, new LoggerFilterRule(null, AzureCoreCategory, LogLevel.Warning, null)));
        services.AddAzureClients(clients =>
        {
            // The factory's options would carry the SDK's default service version, which Azurite refuses: the account's own options are used.
            clients.AddClient<BlobServiceClient, BlobClientOptions>((_, sp) =>
                sp.GetRequiredService<StorageAccount>().CreateBlobServiceClient(Configure(StorageAccount.CreateBlobClientOptions())));
            clients.AddClient<QueueServiceClient, QueueClientOptions>((_, sp) =>
                sp.GetRequiredService<StorageAccount>().CreateQueueServiceClient(Configure(StorageAccount.CreateQueueClientOptions(QueueMessageEncoding.Base64))));
            clients.AddClient<TableServiceClient, TableClientOptions>((_, sp) =>
                sp.GetRequiredService<StorageAccount>().CreateTableServiceClient(Configure(new TableClientOptions())));
        });
        return services;
    }

    // The retry budget the app has always had (5 retries, exponential from 0.8 s to 30 s; server hints such as Retry-After
    // take precedence), and the request id and error code in the SDK's logs. Content and secrets are never logged.
    private static T Configure<T>(T options)
        where T : ClientOptions
    {
        options.Retry.MaxRetries = 5;
        options.Retry.Mode = RetryMode.Exponential;
        options.Retry.Delay = TimeSpan.FromMilliseconds(800);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(30);
        options.Diagnostics.IsLoggingContentEnabled = false;
        options.Diagnostics.LoggedHeaderNames.Add("x-ms-request-id");
        options.Diagnostics.LoggedHeaderNames.Add("x-ms-error-code");
        return options;
    }

    private sealed class StorageClientsMarker;
}
