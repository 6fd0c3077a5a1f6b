using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace Marketplace.Shared.Storage;

public sealed partial class StorageAccount
{
    /// <summary>
    /// The Blob and Queue service version the clients ask for. Azurite 3.37 refuses the SDK's default
    /// (2026-10-06); 2026-06-06 is the newest it accepts and is served by Azure as well.
    /// </summary>
    public const BlobClientOptions.ServiceVersion BlobServiceVersion = BlobClientOptions.ServiceVersion.V2026_06_06;

    /// <inheritdoc cref="BlobServiceVersion"/>
    public const QueueClientOptions.ServiceVersion QueueServiceVersion = QueueClientOptions.ServiceVersion.V2026_06_06;

    /// <summary>Blob client options with <see cref="BlobServiceVersion"/>.</summary>
    public static BlobClientOptions CreateBlobClientOptions() => new(BlobServiceVersion);

    /// <summary>Queue client options with <see cref="QueueServiceVersion"/> (messages as plain UTF-8 text unless <paramref name="encoding"/> says otherwise).</summary>
    public static QueueClientOptions CreateQueueClientOptions(QueueMessageEncoding encoding = QueueMessageEncoding.None) =>
        new(QueueServiceVersion) { MessageEncoding = encoding };

    /// <summary>An Azure SDK Blob service client for this account (shared key or token credential).</summary>
    public BlobServiceClient CreateBlobServiceClient(BlobClientOptions? options = null)
    {
        options ??= CreateBlobClientOptions();
        return _accountKey is { } key
            ? new BlobServiceClient(BlobEndpoint, new Azure.Storage.StorageSharedKeyCredential(AccountName, key), options)
            : new BlobServiceClient(BlobEndpoint, TokenCredential!, options);
    }

    /// <summary>An Azure SDK Queue service client for this account (shared key or token credential).</summary>
    public QueueServiceClient CreateQueueServiceClient(QueueClientOptions? options = null)
    {
        options ??= CreateQueueClientOptions();
        return _accountKey is { } key
            ? new QueueServiceClient(QueueEndpoint, new Azure.Storage.StorageSharedKeyCredential(AccountName, key), options)
            : new QueueServiceClient(QueueEndpoint, TokenCredential!, options);
    }

    /// <summary>An Azure SDK Table service client for this account (shared key or token credential).</summary>
    public TableServiceClient CreateTableServiceClient(TableClientOptions? options = null)
    {
        options ??= new TableClientOptions();

        // The Tables client appends "/Tables" itself: a trailing slash would double it (Azurite answers 400).
        var endpoint = new Uri(TableEndpoint.AbsoluteUri.TrimEnd('/'));
        return _accountKey is { } key
            ? new TableServiceClient(endpoint, new TableSharedKeyCredential(AccountName, key), options)
            : new TableServiceClient(endpoint, TokenCredential!, options);
    }

    /// <summary>
    /// A connection string with the account key and the three endpoints, for libraries that take one (the Durable
    /// Task Framework's Azure Storage backend); null for token-credential accounts. It contains the key: never log it.
    /// </summary>
    public string? ToConnectionString() => _accountKey is { } key
        ? $"DefaultEndpointsProtocol={BlobEndpoint.Scheme};AccountName={AccountName};AccountKey={key};BlobEndpoint={BlobEndpoint.AbsoluteUri.TrimEnd('/')};QueueEndpoint={QueueEndpoint.AbsoluteUri.TrimEnd('/')};TableEndpoint={TableEndpoint.AbsoluteUri.TrimEnd('/')};"
        : null;
}
