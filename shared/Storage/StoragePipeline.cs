using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Marketplace.Shared.Storage;

/// <summary>Builds the Azure.Core pipeline shared by the Blob, Queue and Table clients.</summary>
internal static class StoragePipeline
{
    public static HttpPipeline Create(StorageAccount account, StorageService service, StorageClientOptions options, ILogger? logger = null)
    {
        HttpPipelinePolicy authentication = account.SharedKey is not null
            ? new SharedKeyAuthenticationPolicy(account.SharedKey, service, options.TimeProvider)
            : new BearerTokenAuthenticationPolicy(account.TokenCredential!, StorageAccount.TokenScope);
        var version = new AddHeaderPolicy("x-ms-version", options.ServiceVersion);
        var logging = new StorageLoggingPolicy(service, logger ?? NullLogger.Instance);
        return HttpPipelineBuilder.Build(options, [version], [authentication, logging], new StorageResponseClassifier());
    }

    private sealed class AddHeaderPolicy(string name, string value) : HttpPipelineSynchronousPolicy
    {
        public override void OnSendingRequest(HttpMessage message) => message.Request.Headers.SetValue(name, value);
    }
}
