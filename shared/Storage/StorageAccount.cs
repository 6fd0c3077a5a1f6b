using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Configuration;

namespace Marketplace.Shared.Storage;

/// <summary>
/// Where a storage account's services live and how to authenticate to them: either a
/// shared key (connection strings, Azurite) or a
/// <see cref="TokenCredential"/> (Microsoft Entra ID, managed identity).
/// </summary>
public sealed partial class StorageAccount
{
    /// <summary>Azurite's well-known development account name.</summary>
    public const string DevelopmentAccountName = "devstoreaccount1";

    /// <summary>Azurite's well-known development account key (public, documented by Microsoft).</summary>
    public const string DevelopmentAccountKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    /// <summary>The OAuth scope for Azure Storage data-plane tokens.</summary>
    public const string TokenScope = "https://storage.azure.com/.default";

    /// <summary>An account whose requests are signed with its base64 <paramref name="accountKey"/>.</summary>
    /// <exception cref="FormatException">The key is not valid base64.</exception>
    public StorageAccount(string accountName, Uri blobEndpoint, Uri queueEndpoint, Uri tableEndpoint, string accountKey)
        : this(accountName, blobEndpoint, queueEndpoint, tableEndpoint)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accountKey);
        _ = Convert.FromBase64String(accountKey);
        SharedKey = new Azure.Storage.StorageSharedKeyCredential(accountName, accountKey);
        _accountKey = accountKey;
    }

    public StorageAccount(string accountName, Uri blobEndpoint, Uri queueEndpoint, Uri tableEndpoint, TokenCredential tokenCredential)
        : this(accountName, blobEndpoint, queueEndpoint, tableEndpoint)
    {
        TokenCredential = tokenCredential ?? throw new ArgumentNullException(nameof(tokenCredential));
    }

    // The base64 account key, kept only to build Azure SDK credentials (never logged, never in ToString).
    private readonly string? _accountKey;

    private StorageAccount(string accountName, Uri blobEndpoint, Uri queueEndpoint, Uri tableEndpoint)
    {
        AccountName = accountName;
        BlobEndpoint = WithTrailingSlash(blobEndpoint);
        QueueEndpoint = WithTrailingSlash(queueEndpoint);
        TableEndpoint = WithTrailingSlash(tableEndpoint);
    }

    /// <summary>The account name (also the first path segment on path-style endpoints such as Azurite).</summary>
    public string AccountName { get; }

    /// <summary>Blob service endpoint, always ending with '/'.</summary>
    public Uri BlobEndpoint { get; }

    /// <summary>Queue service endpoint, always ending with '/'.</summary>
    public Uri QueueEndpoint { get; }

    /// <summary>Table service endpoint, always ending with '/'.</summary>
    public Uri TableEndpoint { get; }

    /// <summary>Set when requests are signed with the account key.</summary>
    public Azure.Storage.StorageSharedKeyCredential? SharedKey { get; }

    /// <summary>Set when requests carry Microsoft Entra bearer tokens.</summary>
    public TokenCredential? TokenCredential { get; }

    /// <summary>The endpoint of one service.</summary>
    public Uri GetEndpoint(StorageService service) => service switch
    {
        StorageService.Blob => BlobEndpoint,
        StorageService.Queue => QueueEndpoint,
        StorageService.Table => TableEndpoint,
        _ => throw new ArgumentOutOfRangeException(nameof(service), service, "Unknown storage service."),
    };

    /// <summary>
    /// Reads the account the way the Azure Functions host does: the setting <paramref name="connectionName"/>
    /// is either a connection string, or a section with <c>accountName</c> or
    /// <c>blobServiceUri</c>/<c>queueServiceUri</c>/<c>tableServiceUri</c> for identity-based connections
    /// (environment variables <c>AzureWebJobsStorage__accountName</c> and so on), with optional
    /// <c>credential</c> = <c>managedidentity</c> and <c>clientId</c>.
    /// </summary>
    /// <exception cref="StorageConfigurationException">Missing or invalid, naming the setting.</exception>
    public static StorageAccount FromConfiguration(IConfiguration configuration, string connectionName = "AzureWebJobsStorage", TokenCredential? tokenCredential = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(connectionName);
        if (!string.IsNullOrWhiteSpace(section.Value))
        {
            return Parse(section.Value, connectionName);
        }

        var accountName = section["accountName"];
        var blob = ReadUri(section, connectionName, "blobServiceUri");
        var queue = ReadUri(section, connectionName, "queueServiceUri");
        var table = ReadUri(section, connectionName, "tableServiceUri");
        if (string.IsNullOrWhiteSpace(accountName) && blob is null && queue is null && table is null)
        {
            throw new StorageConfigurationException(connectionName,
                $"is missing: set a connection string, or '{connectionName}__accountName' (or the '__blobServiceUri', '__queueServiceUri' and '__tableServiceUri' settings) for an identity-based connection.");
        }

        if (string.IsNullOrWhiteSpace(accountName))
        {
            if (blob is null || queue is null || table is null)
            {
                var missing = blob is null ? "blobServiceUri" : queue is null ? "queueServiceUri" : "tableServiceUri";
                throw new StorageConfigurationException($"{connectionName}__{missing}",
                    "is missing: without an accountName, all three service URIs are needed.");
            }

            accountName = blob.Host.Split('.')[0];
        }

        blob ??= new Uri($"https://{accountName}.blob.core.windows.net/");
        queue ??= new Uri($"https://{accountName}.queue.core.windows.net/");
        table ??= new Uri($"https://{accountName}.table.core.windows.net/");
        var credential = tokenCredential ?? CreateTokenCredential(section, connectionName);
        return new StorageAccount(accountName, blob, queue, table, credential);
    }

    private static TokenCredential CreateTokenCredential(IConfigurationSection section, string connectionName)
    {
        var kind = section["credential"];
        var clientId = section["clientId"];
        if (!string.IsNullOrWhiteSpace(kind) && !kind.Equals("managedidentity", StringComparison.OrdinalIgnoreCase))
        {
            throw new StorageConfigurationException($"{connectionName}__credential", "must be 'managedidentity' when set.");
        }

        if (!string.IsNullOrWhiteSpace(kind))
        {
            return string.IsNullOrWhiteSpace(clientId)
                ? new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned)
                : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
        }

        return new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = clientId });
    }

    private static Uri? ReadUri(IConfigurationSection section, string connectionName, string key)
    {
        var value = section[key];
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw new StorageConfigurationException($"{connectionName}__{key}", "is not an absolute http(s) URI.");
        }

        return uri;
    }

    private static Uri WithTrailingSlash(Uri uri) =>
        uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
}
