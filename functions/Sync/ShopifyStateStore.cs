using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Marketplace.Functions.Sync;

/// <summary>The result of claiming a webhook id for processing.</summary>
internal enum WebhookClaim
{
    Claimed,
    Done,
    Busy,
}

/// <summary>A pending OAuth install: the nonce issued for <paramref name="Shop"/> at <paramref name="CreatedAt"/>.</summary>
internal sealed record ShopifyOAuthState(string State, string Shop, DateTimeOffset CreatedAt);

/// <summary>
/// Durable Shopify state of the functions app in one container (<c>Shopify:StateContainer</c>, default
/// <c>shopify-state</c>): webhook id claims (<c>webhooks/{shop}/{id}</c>: "processing", then the topic once done; the dedupe by <c>X-Shopify-Webhook-Id</c>)
/// and pending OAuth nonces (<c>oauth/{state}.json</c>, consumed once). Survives restarts and is shared by every instance.
/// </summary>
internal sealed class ShopifyStateStore(BlobServiceClient blobs, string containerName)
{
    public const string DefaultContainer = "shopify-state";
    private const string Processing = "processing";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly BlobContainerClient _container = blobs.GetBlobContainerClient(containerName);
    private Task? _created;

    /// <summary>
    /// Claims a webhook id before processing: <see cref="WebhookClaim.Claimed"/> for the first caller,
    /// <see cref="WebhookClaim.Done"/> once it was processed, <see cref="WebhookClaim.Busy"/> while another worker holds a
    /// claim younger than <paramref name="staleAfter"/> (an older claim is a crashed worker's and is taken over).
    /// </summary>
    public async Task<WebhookClaim> ClaimWebhookAsync(string shop, string webhookId, TimeSpan staleAfter, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken);
        var blob = _container.GetBlobClient(WebhookBlob(shop, webhookId));
        try
        {
            await blob.UploadAsync(BinaryData.FromString(Processing), new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } }, cancellationToken);
            return WebhookClaim.Claimed;
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            BlobDownloadResult existing = await blob.DownloadContentAsync(cancellationToken);
            if (existing.Content.ToString() != Processing)
            {
                return WebhookClaim.Done;
            }

            if (now - existing.Details.LastModified < staleAfter)
            {
                return WebhookClaim.Busy;
            }

            // Take over only if nobody else did since we read it.
            await blob.UploadAsync(BinaryData.FromString(Processing), new BlobUploadOptions { Conditions = new BlobRequestConditions { IfMatch = existing.Details.ETag } }, cancellationToken);
            return WebhookClaim.Claimed;
        }
    }

    /// <summary>Marks a claimed webhook id processed (its topic as the content); later claims answer <see cref="WebhookClaim.Done"/>.</summary>
    public async Task CompleteWebhookAsync(string shop, string webhookId, string topic, CancellationToken cancellationToken) =>
        await _container.GetBlobClient(WebhookBlob(shop, webhookId)).UploadAsync(BinaryData.FromString(topic), overwrite: true, cancellationToken);

    /// <summary>Gives a claim up after a failure, so the retried message processes the delivery again.</summary>
    public async Task ReleaseWebhookAsync(string shop, string webhookId, CancellationToken cancellationToken) =>
        await _container.GetBlobClient(WebhookBlob(shop, webhookId)).DeleteIfExistsAsync(cancellationToken: cancellationToken);

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
            BlobDownloadResult content = await blob.DownloadContentAsync(cancellationToken);
            // Whoever deletes it owns it: a replayed callback racing the first finds nothing to delete.
            return (await blob.DeleteIfExistsAsync(cancellationToken: cancellationToken)).Value ? content.Content.ToObjectFromJson<ShopifyOAuthState>(Json) : null;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    private Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        var created = _created;
        if (created is null || created.IsFaulted || created.IsCanceled)
        {
            _created = created = _container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        }

        return created;
    }

    private static string WebhookBlob(string shop, string webhookId) => $"webhooks/{Safe(shop)}/{Safe(webhookId)}";

    private static string StateBlob(string state) => $"oauth/{state}.json";

    private static string Safe(string value) => string.Concat(value.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' ? c : '_'));
}
