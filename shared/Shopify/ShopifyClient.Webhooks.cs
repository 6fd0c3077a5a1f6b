using System.Text.Json;

namespace Marketplace.Shared.Shopify;

public sealed partial class ShopifyClient
{
    /// <summary>Subscribes each topic to <paramref name="uri"/> (skipping topics already subscribed there); returns subscription ids.</summary>
    public async Task<IReadOnlyList<string>> RegisterWebhooksAsync(Uri uri, IEnumerable<string> topics, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(uri);
        ArgumentNullException.ThrowIfNull(topics);
        var existing = await ListWebhooksAsync(cancellationToken);
        var ids = new List<string>();
        foreach (var topic in topics)
        {
            var found = existing.FindIndex(e => e.Topic == topic && e.Uri == uri.ToString());
            if (found >= 0)
            {
                ids.Add(existing[found].Id);
                continue;
            }

            var data = await ExecuteAsync("webhookSubscriptionCreate", ShopifyDocuments.WebhookSubscriptionCreate, w =>
            {
                w.WriteString("topic", topic);
                w.WriteStartObject("webhookSubscription");
                w.WriteString("uri", uri.ToString());
                w.WriteString("format", "JSON");
                if (topic.StartsWith("PRODUCTS_", StringComparison.Ordinal))
                {
                    // Product bodies then carry our metafields (model, year, condition, ...): no read-back needed to see them.
                    w.WriteStartArray("metafieldNamespaces");
                    w.WriteStringValue(ShopifyProductMapper.Namespace);
                    w.WriteEndArray();
                }

                w.WriteEndObject();
            }, cancellationToken);
            var payload = data.GetProperty("webhookSubscriptionCreate");
            ShopifyResponses.ThrowOnUserErrors("webhookSubscriptionCreate", payload);
            ids.Add(payload.GetProperty("webhookSubscription").GetProperty("id").GetString()!);
        }

        return ids;
    }

    /// <summary>Deletes this app's subscriptions that deliver to <paramref name="uri"/> (all of them when null).</summary>
    public async Task DeleteWebhooksAsync(Uri? uri = null, CancellationToken cancellationToken = default)
    {
        foreach (var subscription in await ListWebhooksAsync(cancellationToken))
        {
            if (uri is not null && subscription.Uri != uri.ToString())
            {
                continue;
            }

            var data = await ExecuteAsync("webhookSubscriptionDelete", ShopifyDocuments.WebhookSubscriptionDelete, w => w.WriteString("id", subscription.Id), cancellationToken);
            ShopifyResponses.ThrowOnUserErrors("webhookSubscriptionDelete", data.GetProperty("webhookSubscriptionDelete"));
        }
    }

    private async Task<List<(string Id, string Topic, string Uri)>> ListWebhooksAsync(CancellationToken cancellationToken)
    {
        var data = await ExecuteAsync("webhookSubscriptions", ShopifyDocuments.WebhookSubscriptions, w => w.WriteNumber("first", 100), cancellationToken);
        return ShopifyProductReader.Nodes(data.GetProperty("webhookSubscriptions"))
            .Where(n => n.ValueKind == JsonValueKind.Object)
            .Select(n => (n.GetProperty("id").GetString()!, n.GetProperty("topic").GetString()!, n.OptionalString("uri") ?? string.Empty))
            .ToList();
    }
}
