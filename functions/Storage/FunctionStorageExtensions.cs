using Marketplace.Functions.Http;
using Marketplace.Functions.Webhooks;
using Marketplace.Shared.Storage;
using Marketplace.Shared.Storage.Blobs;
using Marketplace.Shared.Storage.Queues;

namespace Marketplace.Functions.Storage;

internal static class FunctionStorageExtensions
{
    /// <summary>Blob and Queue clients on the app's storage account (<c>AzureWebJobsStorage</c>) and what is built on them.</summary>
    public static IServiceCollection AddFunctionStorage(this IServiceCollection services)
    {
        services.AddSingleton(sp => new BlobServiceClient(sp.GetRequiredService<StorageAccount>(), logger: sp.GetRequiredService<ILoggerFactory>().CreateLogger("Marketplace.Storage.Blobs")));
        services.AddSingleton(sp => new QueueServiceClient(sp.GetRequiredService<StorageAccount>(), logger: sp.GetRequiredService<ILoggerFactory>().CreateLogger("Marketplace.Storage.Queues")));
        services.AddSingleton<IWebhookInbox, StorageWebhookInbox>();
        services.AddSingleton<ITriggerQueueProbe, TriggerQueueProbe>();
        return services;
    }
}
