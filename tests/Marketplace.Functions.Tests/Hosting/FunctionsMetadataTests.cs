using System.Text.Json.Nodes;
using Marketplace.Functions.Hosting;
using Marketplace.Functions.Standalone;
using Marketplace.Functions.Tests.Support;
using Marketplace.Orchestrations.Sync;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;

namespace Marketplace.Functions.Tests.Hosting;

/// <summary>
/// The published app holds every function with the right trigger, and the standalone host serves exactly the
/// functions of the metadata (both come from the same <c>[Function]</c> attributes).
/// </summary>
public sealed class FunctionsMetadataTests
{
    private const string Anonymous = "anonymous";
    private const string Key = "function";

    /// <summary>Every HTTP function: route (under /api), methods, auth level.</summary>
    public static TheoryData<string, string, string, string> HttpFunctions => new()
    {
        { "Health", "health", "get", Anonymous },
        { "Webhook", "webhooks/{platform}", "post", Anonymous },
        { "ReverbWebhook", "webhooks/reverb/{secret}", "post", Anonymous },
        { "ReverbAccountWebhook", "webhooks/reverb/{account}/{secret}", "post", Anonymous },
        { "EbayAccountDeletion", "webhooks/ebay/account-deletion", "get,post", Anonymous },
        { "ShopifyInstall", "shopify/install", "get", Anonymous },
        { "ShopifyCallback", "shopify/callback", "get", Anonymous },
        { "ShopifyDisconnect", "admin/shopify/disconnect", "post", Key },
        { "ShopifyPull", "admin/shopify/pull", "post", Key },
        { "AdminStatus", "admin/status", "get", Key },
        { "AdminReconcile", "admin/reconcile", "post", Key },
        { "Dashboard", "dashboard/{*path}", "get", Anonymous },
        { "AdminDashboard", "admin/dashboard/{*path}", "get,post", Key },
        { "AdminCatalog", "admin/catalog/{*path}", "get,post,put,delete", Key },
        { "AdminDurableTask", "admin/durabletask/{*path}", "get,post,put,delete", Key },
        { "SyncOversells", "admin/sync/oversells", "get", Key },
        { "SyncUnmatched", "admin/sync/unmatched", "get", Key },
        { "SyncUnmatchedAction", "admin/sync/unmatched/{eventId}/{action}", "post", Key },
        { "SyncInstance", "admin/sync/instances/{id}", "get", Key },
        { "SyncInstanceAction", "admin/sync/instances/{id}/{action}", "post", Key },
        { "SyncPublish", "admin/sync/products/{sku}/publish", "post", Key },
        { "SyncFull", "admin/sync/full", "post", Key },
        { "ShopwareBackfill", "admin/shopware/backfill", "post", Key },
        { "ShopwareAppRegister", "shopware/app/register", "get", Anonymous },
        { "ShopwareAppConfirm", "shopware/app/confirm", "post", Anonymous },
        { "ImageCheck", "admin/images/check", "post", Key },
        { "StaleStockStatus", "admin/stale-stock", "get", Key },
        { "StaleStockRun", "admin/stale-stock/run", "post", Key },
        { "PlatformStatsStatus", "admin/stats", "get", Key },
        { "PlatformStatsPull", "admin/stats/pull", "post", Key },
        { "DeadStock", "admin/stats/dead-stock", "get", Key },
        { "PhotoUpload", "photos", "post", Key },
        { "PhotoStatus", "photos/{batchId}", "get", Key },
        { "PhotoResolve", "photos/{batchId}/resolve", "post", Key },
    };

    [Theory]
    [MemberData(nameof(HttpFunctions))]
    public void HttpFunction_IsPublishedWithItsRouteMethodsAndAuthLevel(string name, string route, string methods, string authLevel)
    {
        var bindings = Published(name);
        var trigger = PublishedMetadata.Trigger(bindings);

        ((string)trigger["type"]!).ShouldBe("httpTrigger");
        ((string)trigger["direction"]!).ShouldBe("In");
        ((string)trigger["route"]!).ShouldBe(route);
        string.Join(',', trigger["methods"]!.AsArray().Select(m => ((string)m!).ToLowerInvariant())).ShouldBe(methods);
        ((string)trigger["authLevel"]!).ToLowerInvariant().ShouldBe(authLevel);
        bindings.ShouldContain(b => (string)b!["type"]! == "http" && (string)b["direction"]! == "Out", "the HTTP response binding");
    }

    [Fact]
    public void ReconciliationTimer_IsPublishedOnTheScheduleSetting()
    {
        var trigger = PublishedMetadata.Trigger(Published("ReconciliationTimer"));

        ((string)trigger["type"]!).ShouldBe("timerTrigger");
        ((string)trigger["schedule"]!).ShouldBe("%Reconciliation:Schedule%");
    }

    [Fact]
    public void PhotoArrived_IsPublishedAsAnEventGridBlobTriggerOnThePhotosContainerSetting()
    {
        var trigger = PublishedMetadata.Trigger(Published("PhotoArrived"));

        ((string)trigger["type"]!).ShouldBe("blobTrigger");
        ((string)trigger["path"]!).ShouldBe("%Photos:Container%/{name}");
        ((string)trigger["source"]!).ShouldBe("EventGrid");
    }

    [Fact]
    public void SaleWebhooks_IsPublishedOnTheWebhookQueueSetting()
    {
        var trigger = PublishedMetadata.Trigger(Published("SaleWebhooks"));

        ((string)trigger["type"]!).ShouldBe("queueTrigger");
        ((string)trigger["queueName"]!).ShouldBe("%Webhooks:Queue%");
    }

    [Fact]
    public void EveryOrchestratorOfTheWorkflows_IsPublishedAsAnOrchestrationTriggerUnderItsClassName()
    {
        foreach (var orchestrator in SyncWorkflows.Orchestrators)
        {
            ((string)PublishedMetadata.Trigger(Published(orchestrator.Name))["type"]!).ShouldBe("orchestrationTrigger", orchestrator.Name);
        }
    }

    [Fact]
    public void EveryActivityOfTheWorkflows_IsPublishedAsAnActivityTriggerUnderItsClassName()
    {
        foreach (var activity in SyncWorkflows.Activities)
        {
            ((string)PublishedMetadata.Trigger(Published(activity.Name))["type"]!).ShouldBe("activityTrigger", activity.Name);
        }
    }

    [Fact]
    public void Metadata_HoldsNoFunctionThisTestDoesNotKnow()
    {
        var known = HttpFunctions.Select(row => (string)row[0]).Concat(["ReconciliationTimer", "PhotoArrived", "SaleWebhooks"])
            .Concat(SyncWorkflows.Orchestrators.Concat(SyncWorkflows.Activities).Select(t => t.Name));

        PublishedMetadata.Functions().Keys.Order(StringComparer.Ordinal).ShouldBe(known.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void StandaloneHost_HasTheFunctionsOfTheMetadata_WithTheSameTriggers()
    {
        var published = PublishedMetadata.Functions()
            .Where(f => (string)PublishedMetadata.Trigger(f.Value)["type"]! is not ("orchestrationTrigger" or "activityTrigger"))
            .ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal);
        var index = new FunctionIndex([]);

        index.Functions.Select(f => f.Name).Order(StringComparer.Ordinal).ShouldBe(published.Keys.Order(StringComparer.Ordinal));
        foreach (var function in index.Functions)
        {
            var trigger = PublishedMetadata.Trigger(published[function.Name]);
            Describe(function.Trigger).ShouldBe(Describe(trigger), function.Name);
        }
    }

    [Fact]
    public async Task StandaloneHost_MapsEveryHttpFunctionOfTheMetadata_OnItsRouteUnderApi()
    {
        await using var app = new FunctionsAppFactory(FunctionsAppFactory.StandaloneSettings("UseDevelopmentStorage=true", "unused", triggers: false));
        app.CreateClient().Dispose();

        var mapped = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Name: e.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName, Pattern: e.RoutePattern.RawText))
            .Where(e => e.Name is not null)
            .ToDictionary(e => e.Name!, e => e.Pattern ?? string.Empty, StringComparer.Ordinal);
        var published = PublishedMetadata.Functions()
            .Where(f => (string)PublishedMetadata.Trigger(f.Value)["type"]! == "httpTrigger")
            .ToDictionary(f => f.Key, f => "/" + StandaloneHttp.RoutePrefix + "/" + (string)PublishedMetadata.Trigger(f.Value)["route"]!, StringComparer.Ordinal);

        mapped.OrderBy(m => m.Key, StringComparer.Ordinal).ShouldBe(published.OrderBy(p => p.Key, StringComparer.Ordinal));
    }

    private static JsonArray Published(string name) =>
        PublishedMetadata.Functions().TryGetValue(name, out var bindings) ? bindings : throw new ShouldAssertException($"Function '{name}' is not in {PublishedMetadata.Path}.");

    private static string Describe(Attribute trigger) => trigger switch
    {
        HttpTriggerAttribute h => $"httpTrigger {h.Route} {string.Join(',', (h.Methods ?? []).Select(m => m.ToLowerInvariant()))} {h.AuthLevel.ToString().ToLowerInvariant()}",
        TimerTriggerAttribute t => $"timerTrigger {t.Schedule}",
        QueueTriggerAttribute q => $"queueTrigger {q.QueueName}",
        BlobTriggerAttribute b => $"blobTrigger {b.BlobPath}",
        _ => trigger.GetType().Name,
    };

    private static string Describe(JsonObject trigger) => (string)trigger["type"]! switch
    {
        "httpTrigger" => $"httpTrigger {trigger["route"]} {string.Join(',', trigger["methods"]!.AsArray().Select(m => ((string)m!).ToLowerInvariant()))} {((string)trigger["authLevel"]!).ToLowerInvariant()}",
        "timerTrigger" => $"timerTrigger {trigger["schedule"]}",
        "queueTrigger" => $"queueTrigger {trigger["queueName"]}",
        "blobTrigger" => $"blobTrigger {trigger["path"]}",
        var type => type,
    };
}
