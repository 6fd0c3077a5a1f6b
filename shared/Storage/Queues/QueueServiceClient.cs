using Azure.Core.Pipeline;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Marketplace.Shared.Storage.Queues;

/// <summary>
/// Entry point to an account's Queue service (the hand-written counterpart of Azure.Storage.Queues'
/// <c>QueueServiceClient</c>). Holds one HTTP pipeline (SharedKey or Microsoft Entra auth, retries on
/// 408/429/500/503, <c>x-ms-version</c> <see cref="StorageClientOptions.DefaultServiceVersion"/>) that
/// every <see cref="QueueClient"/> it hands out shares. Thread-safe; create one per account and reuse it.
/// </summary>
public sealed class QueueServiceClient
{
    private readonly HttpPipeline _pipeline;
    private readonly ILogger _logger;

    /// <summary>Creates a client for <paramref name="account"/>'s Queue endpoint.</summary>
    /// <param name="account">The storage account (connection string or identity-based).</param>
    /// <param name="options">Retries, service version and diagnostics; defaults when null.</param>
    /// <param name="logger">Receives one debug line per HTTP attempt (no secrets, no pop receipts); none when null.</param>
    public QueueServiceClient(StorageAccount account, StorageClientOptions? options = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(account);
        Account = account;
        _logger = logger ?? NullLogger.Instance;
        _pipeline = StoragePipeline.Create(account, StorageService.Queue, options ?? new StorageClientOptions(), _logger);
    }

    /// <summary>The account this client talks to.</summary>
    public StorageAccount Account { get; }

    /// <summary>The Queue service endpoint (ends with '/').</summary>
    public Uri Uri => Account.QueueEndpoint;

    /// <summary>
    /// A client for the queue <paramref name="queueName"/>. Makes no request: the queue need not exist yet
    /// (see <see cref="QueueClient.CreateIfNotExistsAsync"/>).
    /// </summary>
    /// <exception cref="ArgumentException">
    /// The name breaks the Queue service's naming rules (3-63 characters; lowercase letters, digits and
    /// single hyphens; starting and ending with a letter or digit). The message names the bad name.
    /// </exception>
    public QueueClient GetQueueClient(string queueName)
    {
        QueueNameValidator.Validate(queueName, nameof(queueName));
        return new QueueClient(_pipeline, new Uri(Uri, queueName), queueName, _logger);
    }
}
