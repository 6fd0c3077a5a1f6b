using System.Text.Json;
using Azure;
using Marketplace.Shared.Storage;
using Marketplace.Shared.Storage.Blobs;

namespace Marketplace.Functions.Sync;

/// <summary>A pending OAuth install: the nonce issued for <paramref name="Shop"/> at <paramref name="CreatedAt"/>.</summary>
internal sealed record ShopifyOAuthState(string State, string Shop, DateTimeOffset CreatedAt);

/// <summary>
/// Durable Shopify state of the functions app in one container (<c>Shopify:StateContainer</c>, default
/// <c>shopify-state</c>): processed webhook ids (<c>webhooks/{shop}/{id}</c>, the dedupe by <c>X-Shopify-Webhook-Id</c>)
/// and pending OAuth nonces (<c>oauth/{state}.json</c>, consumed once). Survives restarts and is shared by every instance.
/// </summary>
internal sealed class ShopifyStateStore(BlobServiceClient blobs, string containerName)
{
    public const string DefaultContainer = "shopify-state";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly BlobContainerClient _container = blobs.GetBlobContainerClient(containerName);
    private Task? _created;

    /// <summary>True when a delivery with this webhook id was processed to the end.</summary>
    public async Task<bool> IsProcessedAsync(string shop, string webhookId, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken);
        return await _container.GetBlobClient(WebhookBlob(shop, webhookId)).ExistsAsync(cancellationToken);
    }

    /// <summary>Records that the delivery was processed (called after its effects, so a crash before it reprocesses: at least once).</summary>
    public async Task MarkProcessedAsync(string shop, string webhookId, string topic, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken);
        await _container.GetBlobClient(WebhookBlob(shop, webhookId)).UploadAsync(BinaryData.FromString(topic), overwrite: true, cancellationToken);
    }

    public async Task SaveOAuthStateAsync(ShopifyOAuthState state, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken);
        await _container.GetBlobClient(StateBlob(state.State)).UploadAsync(BinaryData.FromObjectAsJson(state, Json), overwrite: false, cancellationToken);
    }

    /// <summary>Reads and deletes a nonce (single use); null when it was never issued or is already used.</summary>
    public async Task<ShopifyOAuthState?> TakeOAuthStateAsync(string state, CancellationToken cancellationToken)
    {
        if (state.Length is 0 or > 128 || !state.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            return null;
        }

        await EnsureCreatedAsync(cancellationToken);
        var blob = _container.GetBlobClient(StateBlob(state));
        try
        {
            var content = await blob.DownloadContentAsync(cancellationToken: cancellationToken);
            // Whoever deletes it owns it: a replayed callback racing the first finds nothing to delete.
            return await blob.DeleteIfExistsAsync(cancellationToken: cancellationToken) ? content.Content.ToObjectFromJson<ShopifyOAuthState>(Json) : null;
        }
        catch (RequestFailedException ex) when (ex.IsNotFound())
        {
            return null;
        }
    }

    private Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        var created = _created;
        if (created is null || created.IsFaulted || created.IsCanceled)
        {
            _created = created = _container.CreateIfNotExistsAsync(cancellationToken);
        }

        return created;
    }

    private static string WebhookBlob(string shop, string webhookId) => $"webhooks/{Safe(shop)}/{Safe(webhookId)}";

    private static string StateBlob(string state) => $"oauth/{state}.json";

    private static string Safe(string value) => string.Concat(value.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' ? c : '_'));
}
