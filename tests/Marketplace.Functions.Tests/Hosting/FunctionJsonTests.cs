using System.Text.Json.Nodes;
using Marketplace.Functions.AppFolder;
using Marketplace.Functions.Catalog;
using Marketplace.TestSupport;
using Microsoft.Extensions.Configuration;
using Shouldly;
using Xunit;

namespace Marketplace.Functions.Tests.Hosting;

/// <summary>
/// The generated function.json files against Microsoft's binding reference (functions-bindings-http-webhook-trigger,
/// -timer, -storage-queue-trigger, -storage-blob-trigger) and the custom-handler host.json.
/// </summary>
public sealed class FunctionJsonTests
{
    private static readonly FunctionCatalog Catalog = FunctionDefinitions.BuildCatalog(new ConfigurationBuilder().Build());

    private static JsonObject Rendered(string function)
    {
        Catalog.TryGet(function, out var definition).ShouldBeTrue(function);
        // Round-trip through text, as the host reads it.
        return JsonNode.Parse(FunctionJson.ToText(FunctionJson.Render(definition)))!.AsObject();
    }

    private static JsonObject Binding(JsonObject functionJson, int index) => functionJson["bindings"]!.AsArray()[index]!.AsObject();

    [Fact]
    public void HttpFunction_HasHttpTriggerAndHttpOutput_AsDocumented()
    {
        var json = Rendered("Webhook");
        json["bindings"]!.AsArray().Count.ShouldBe(2);
        var trigger = Binding(json, 0);
        trigger["type"]!.GetValue<string>().ShouldBe("httpTrigger");
        trigger["direction"]!.GetValue<string>().ShouldBe("in");
        trigger["name"]!.GetValue<string>().ShouldBe("req");
        trigger["authLevel"]!.GetValue<string>().ShouldBe("anonymous");
        trigger["methods"]!.AsArray().Select(m => m!.GetValue<string>()).ShouldBe(["post"]);
        trigger["route"]!.GetValue<string>().ShouldBe("webhooks/{platform}");
        var output = Binding(json, 1);
        output.Select(p => p.Key).OrderBy(k => k).ShouldBe(["direction", "name", "type"]);
        output["type"]!.GetValue<string>().ShouldBe("http");
        output["direction"]!.GetValue<string>().ShouldBe("out");
        output["name"]!.GetValue<string>().ShouldBe("res");
    }

    [Theory]
    [InlineData("AdminStatus", "function", "get", "admin/status")]
    [InlineData("AdminReconcile", "function", "post", "admin/reconcile")]
    [InlineData("Dashboard", "function", "get", "dashboard")]
    [InlineData("Health", "anonymous", "get", "health")]
    public void HttpFunctions_DeclareAuthLevelMethodsAndRoute(string function, string authLevel, string method, string route)
    {
        var trigger = Binding(Rendered(function), 0);
        trigger["authLevel"]!.GetValue<string>().ShouldBe(authLevel);
        trigger["methods"]!.AsArray().Select(m => m!.GetValue<string>()).ShouldBe([method]);
        trigger["route"]!.GetValue<string>().ShouldBe(route);
    }

    [Fact]
    public void TimerFunction_HasSixFieldScheduleRunOnStartupAndUseMonitor()
    {
        var json = Rendered("ReconciliationTimer");
        json["bindings"]!.AsArray().Count.ShouldBe(1);
        var trigger = Binding(json, 0);
        trigger["type"]!.GetValue<string>().ShouldBe("timerTrigger");
        trigger["direction"]!.GetValue<string>().ShouldBe("in");
        trigger["name"]!.GetValue<string>().ShouldBe("timer");
        trigger["schedule"]!.GetValue<string>().ShouldBe("0 0 * * * *");
        trigger["runOnStartup"]!.GetValue<bool>().ShouldBeFalse();
        trigger["useMonitor"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public void TimerSchedule_ComesFromTheReconciliationScheduleSetting()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Reconciliation:Schedule"] = "0 */15 * * * *" }).Build();
        FunctionDefinitions.BuildCatalog(configuration).TryGet("ReconciliationTimer", out var timer).ShouldBeTrue();
        Binding(FunctionJson.Render(timer), 0)["schedule"]!.GetValue<string>().ShouldBe("0 */15 * * * *");
    }

    [Fact]
    public void BlobFunction_HasPathConnectionAndBinaryDataType()
    {
        var trigger = Binding(Rendered("PhotoArrived"), 0);
        trigger["type"]!.GetValue<string>().ShouldBe("blobTrigger");
        trigger["direction"]!.GetValue<string>().ShouldBe("in");
        trigger["name"]!.GetValue<string>().ShouldBe("blob");
        trigger["path"]!.GetValue<string>().ShouldBe("photos/{name}");
        trigger["connection"]!.GetValue<string>().ShouldBe("AzureWebJobsStorage");
        trigger["dataType"]!.GetValue<string>().ShouldBe("binary");
    }

    [Fact]
    public void QueueFunction_HasQueueNameAndConnection_AsInTheCustomHandlerExample()
    {
        var definition = new FunctionDefinition("Queue-orders", new QueueTrigger("orders"), typeof(Support.ProbeQueueHandler));
        var trigger = Binding(FunctionJson.Render(definition), 0);
        trigger.Select(p => p.Key).OrderBy(k => k).ShouldBe(["connection", "direction", "name", "queueName", "type"]);
        trigger["type"]!.GetValue<string>().ShouldBe("queueTrigger");
        trigger["direction"]!.GetValue<string>().ShouldBe("in");
        trigger["queueName"]!.GetValue<string>().ShouldBe("orders");
        trigger["connection"]!.GetValue<string>().ShouldBe("AzureWebJobsStorage");
    }

    [Fact]
    public void HostJson_NamesTheExecutableTheBundleAndForwarding()
    {
        var host = JsonNode.Parse(FunctionJson.ToText(FunctionJson.RenderHost("Marketplace.Functions")))!.AsObject();
        host["version"]!.GetValue<string>().ShouldBe("2.0");
        host["extensionBundle"]!["id"]!.GetValue<string>().ShouldBe("Microsoft.Azure.Functions.ExtensionBundle");
        host["extensionBundle"]!["version"]!.GetValue<string>().ShouldBe("[4.*, 5.0.0)");
        host["customHandler"]!["description"]!["defaultExecutablePath"]!.GetValue<string>().ShouldBe("Marketplace.Functions");
        host["customHandler"]!["enableForwardingHttpRequest"]!.GetValue<bool>().ShouldBeTrue();
        host["extensions"]!["queues"]!["maxDequeueCount"]!.GetValue<int>().ShouldBe(5);
    }

    [Fact]
    public void RepositoryHostJson_IsTheGeneratedOne()
    {
        var committed = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "host.json"));
        committed.ShouldBe(FunctionJson.ToText(FunctionJson.RenderHost("Marketplace.Functions")));
    }

    [Fact]
    public void Catalog_RejectsTwoFunctionsWithOneName()
    {
        var a = new FunctionDefinition("Same", new QueueTrigger("a"), typeof(Support.ProbeQueueHandler));
        var b = new FunctionDefinition("same", new QueueTrigger("b"), typeof(Support.ProbeQueueHandler));
        Should.Throw<InvalidOperationException>(() => new FunctionCatalog([a, b])).Message.ShouldContain("declared twice");
    }

    [Fact]
    public void Definition_RejectsAHandlerOfTheWrongKind()
    {
        Should.Throw<ArgumentException>(() => new FunctionDefinition("Bad", new TimerTrigger("0 0 * * * *"), typeof(Support.ProbeQueueHandler)))
            .Message.ShouldContain("ITimerFunction");
    }
}
