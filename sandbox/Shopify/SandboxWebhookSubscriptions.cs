using System.Text.Json.Nodes;

namespace Marketplace.Sandbox.Shopify;

/// <summary><c>webhookSubscriptionCreate</c>, <c>webhookSubscriptionDelete</c>, <c>webhookSubscriptions</c>.</summary>
internal static class SandboxWebhookSubscriptions
{
    private static readonly Dictionary<string, string> Irregular = new(StringComparer.Ordinal)
    {
        ["CUSTOMERS_DATA_REQUEST"] = "customers/data_request",
        ["CUSTOMERS_REDACT"] = "customers/redact",
        ["SHOP_REDACT"] = "shop/redact",
    };

    /// <summary>GraphQL enum (<c>INVENTORY_LEVELS_UPDATE</c>) to REST topic (<c>inventory_levels/update</c>).</summary>
    public static string TopicName(string value)
    {
        if (Irregular.TryGetValue(value, out var name))
        {
            return name;
        }

        var last = value.LastIndexOf('_');
        return last < 0 ? value.ToLowerInvariant() : $"{value[..last].ToLowerInvariant()}/{value[(last + 1)..].ToLowerInvariant()}";
    }

    public static JsonNode? Create(ShopifyRequestContext context)
    {
        var topic = context.Variables["topic"]?.GetValue<string>() ?? string.Empty;
        var input = context.Variables["webhookSubscription"] as JsonObject ?? [];
        var uri = input["uri"]?.GetValue<string>() ?? input["callbackUrl"]?.GetValue<string>();
        if (uri is null || !Uri.TryCreate(uri, UriKind.Absolute, out _))
        {
            return new JsonObject { ["webhookSubscription"] = null, ["userErrors"] = Gid.Array([Gid.UserError("Address is invalid", null, "webhookSubscription", "uri")]) };
        }

        lock (context.Shop.Gate)
        {
            var id = context.Sandbox.NextId();
            var namespaces = (input["metafieldNamespaces"] as JsonArray ?? []).Select(n => n?.GetValue<string>()).OfType<string>().ToList();
            context.Shop.Webhooks[id] = (topic, uri, namespaces);
            return new JsonObject { ["webhookSubscription"] = Node(id, topic, uri, namespaces), ["userErrors"] = new JsonArray() };
        }
    }

    public static JsonNode? Delete(ShopifyRequestContext context)
    {
        var id = Gid.Parse(context.Variables["id"]?.GetValue<string>());
        lock (context.Shop.Gate)
        {
            return context.Shop.Webhooks.Remove(id)
                ? new JsonObject { ["deletedWebhookSubscriptionId"] = Gid.Of("WebhookSubscription", id), ["userErrors"] = new JsonArray() }
                : new JsonObject { ["deletedWebhookSubscriptionId"] = null, ["userErrors"] = Gid.Array([Gid.UserError("Webhook subscription does not exist", null, "id")]) };
        }
    }

    public static JsonNode? List(ShopifyRequestContext context)
    {
        lock (context.Shop.Gate)
        {
            return new JsonObject { ["nodes"] = Gid.Array(context.Shop.Webhooks.Select(w => (JsonNode?)Node(w.Key, w.Value.Topic, w.Value.Uri, w.Value.MetafieldNamespaces))) };
        }
    }

    internal static JsonObject Node(long id, string topic, string uri, IReadOnlyList<string> namespaces) => new()
    {
        ["id"] = Gid.Of("WebhookSubscription", id),
        ["topic"] = topic,
        ["uri"] = uri,
        ["format"] = "JSON",
        ["includeFields"] = new JsonArray(),
        ["metafieldNamespaces"] = new JsonArray(namespaces.Select(n => (JsonNode?)JsonValue.Create(n)).ToArray()),
        ["endpoint"] = new JsonObject { ["__typename"] = "WebhookHttpEndpoint", ["callbackUrl"] = uri },
    };
}
