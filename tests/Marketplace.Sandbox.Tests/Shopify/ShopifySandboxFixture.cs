using System.Collections.Concurrent;
using Marketplace.Sandbox.Shopify;
using Marketplace.Shared.Marketplaces;
using Marketplace.Shared.Shopify;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Xunit;

namespace Marketplace.Sandbox.Tests.Shopify;

/// <summary>
/// One in-process sandbox for the Shopify test classes, plus a webhook receiver on the same host that verifies HMACs
/// with <see cref="ShopifyWebhookVerifier"/>, dedupes by X-Shopify-Webhook-Id and records parsed events per shop.
/// Each test provisions its own shop, so faults and limits never leak between tests.
/// </summary>
public sealed class ShopifySandboxFixture : IAsyncLifetime
{
    public const string AppSecret = "sandbox-client-secret";
    private ShopifySandboxServer? _server;

    internal ShopifySandboxServer Server => _server ?? throw new InvalidOperationException("Sandbox not started.");

    internal ConcurrentDictionary<string, ConcurrentQueue<ShopifyWebhookEvent>> Events { get; } = new();

    internal ConcurrentDictionary<string, int> Deliveries { get; } = new();

    internal int Rejected;

    public Uri WebhookUri => new(Server.BaseAddress, "hooks/shopify");

    public async Task InitializeAsync()
    {
        var verifier = new ShopifyWebhookVerifier(AppSecret);
        _server = await ShopifySandboxServer.StartAsync(mapExtra: app => app.MapPost("/hooks/shopify", async (HttpRequest request) =>
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer);
            var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            if (!verifier.Verify(buffer.ToArray(), headers))
            {
                Interlocked.Increment(ref Rejected);
                return Results.Unauthorized();
            }

            var parsed = ShopifyWebhookHeaders.Read(headers);
            if (Deliveries.AddOrUpdate(parsed.WebhookId, 1, (_, n) => n + 1) > 1)
            {
                return Results.Ok(); // duplicate delivery: acknowledged, not processed again
            }

            var webhook = ShopifyWebhookParser.Parse(parsed, buffer.ToArray());
            if (webhook is ShopifyBulkOperationFinished finished)
            {
                ShopifyClient.NotifyBulkOperationFinished(finished.BulkOperationId);
            }

            Events.GetOrAdd(parsed.ShopDomain, _ => new ConcurrentQueue<ShopifyWebhookEvent>()).Enqueue(webhook);
            return Results.Ok();
        }));
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    /// <summary>A fresh shop and a client for it with fast test timings and its own pacer.</summary>
    internal (ShopifyClient Client, SandboxShop Shop) NewShop(ShopifySandboxFaults? faults = null, double? bucket = null, double? restore = null, string apiVersion = ShopifyClientOptions.DefaultApiVersion, long? uploadLimit = null, TimeSpan? pollInterval = null)
    {
        var domain = $"t{Guid.NewGuid():N}".Substring(0, 16) + ".myshopify.com";
        var (shop, token) = Server.Sandbox.ProvisionShop(domain, faults, bucket, restore);
        var options = new ShopifyClientOptions
        {
            ShopDomain = domain,
            AccessToken = token,
            ApiVersion = apiVersion,
            BaseAddress = Server.BaseAddress,
            RetryBaseDelay = TimeSpan.FromMilliseconds(20),
            MaxRetryAttempts = 8,
            AttemptTimeout = TimeSpan.FromSeconds(2),
            BulkPollInterval = pollInterval ?? TimeSpan.FromMilliseconds(100),
            BulkUploadLimitBytes = uploadLimit ?? 100L * 1024 * 1024,
        };
        return (new ShopifyClient(options, pacer: new ShopifyCostPacer()), shop);
    }

    internal IReadOnlyCollection<ShopifyWebhookEvent> EventsFor(string shopDomain) =>
        Events.TryGetValue(shopDomain, out var queue) ? queue.ToArray() : [];

    /// <summary>A deterministic listing for index <paramref name="i"/>.</summary>
    internal static ListingDraft Draft(int i, string prefix = "SKU") => new()
    {
        Sku = $"{prefix}-{i:D6}",
        Title = $"Guitar {i} \"Sunburst\" & case",
        DescriptionHtml = $"<p>Instrument <strong>{i}</strong> with <em>original</em> case.</p>",
        Brand = i % 3 == 0 ? "Fender" : "Gibson",
        Model = $"Model {i % 17}",
        Year = 1950 + (i % 70),
        Condition = i % 2 == 0 ? "Excellent" : "Very Good",
        CategoryId = "gid://shopify/TaxonomyCategory/ae-2-8-6",
        Price = 100m + (i % 1000) + 0.25m,
        Quantity = i % 4,
        ImageUrls = [$"https://cdn.example.com/{i}/front.jpg", $"https://cdn.example.com/{i}/back.jpg"],
        Attributes = new Dictionary<string, string>
        {
            ["handedness"] = i % 5 == 0 ? "left" : "right",
            ["artist_owned"] = i % 7 == 0 ? "true" : "false",
            ["catalog_number"] = $"CAT-{i}",
            ["product_type"] = "Electric Guitar",
        },
        Publish = i % 9 != 0,
    };

    /// <summary>Everything a round trip must preserve, as one comparable string.</summary>
    internal static string Canonical(ListingDraft d) => string.Join("|",
        d.Sku, d.Title, d.DescriptionHtml, d.Brand, d.Model, d.Year, d.Condition, d.CategoryId, d.Price.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture), d.Quantity,
        string.Join(",", d.ImageUrls), string.Join(",", d.Attributes.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key}={a.Value}")), d.Publish);
}

[CollectionDefinition(Name)]
public sealed class ShopifySandboxCollection : ICollectionFixture<ShopifySandboxFixture>
{
    public const string Name = "Shopify sandbox";
}
