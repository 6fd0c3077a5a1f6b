using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marketplace.Orchestrations.Engine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;

namespace Marketplace.Orchestrations.Tests.Engine;

/// <summary>The Durable-style HTTP API on a real loopback Kestrel over the in-memory backend.</summary>
public sealed class ManagementEndpointTests : IAsyncLifetime
{
    private readonly Workflows _workflows = new();
    private WebApplication? _app;
    private HttpClient? _http;

    private HttpClient Http => _http!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddDurableTaskInMemory(_workflows.Register);
        _app = builder.Build();
        _app.MapDurableManagementEndpoints();
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _http = new HttpClient { BaseAddress = new Uri(address) };
    }

    public async Task DisposeAsync()
    {
        _http?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    [Fact]
    public async Task Start_Returns202WithLocationAndManagementUrls_AndStatusGoesFrom202To200()
    {
        using var start = await Http.PostAsJsonAsync("/runtime/webhooks/durabletask/orchestrators/Approval/http-1", 600_000);

        start.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var urls = await start.Content.ReadFromJsonAsync<JsonElement>();
        var statusUri = urls.GetProperty("statusQueryGetUri").GetString()!;
        start.Headers.Location!.ToString().ShouldBe(statusUri);
        urls.GetProperty("id").GetString().ShouldBe("http-1");
        statusUri.ShouldEndWith("/runtime/webhooks/durabletask/instances/http-1");
        urls.GetProperty("sendEventPostUri").GetString().ShouldBe(statusUri + "/raiseEvent/{eventName}");
        urls.GetProperty("terminatePostUri").GetString().ShouldBe(statusUri + "/terminate?reason={text}");
        urls.GetProperty("purgeHistoryDeleteUri").GetString().ShouldBe(statusUri);

        var running = await WaitForStatusAsync(statusUri, s => s.GetProperty("customStatus").ValueKind == JsonValueKind.String);
        running.Status.ShouldBe(HttpStatusCode.Accepted);
        running.Body.GetProperty("customStatus").GetString().ShouldBe("waiting");

        using var raise = await Http.PostAsJsonAsync(statusUri + "/raiseEvent/Approval", "dave");
        raise.StatusCode.ShouldBe(HttpStatusCode.Accepted);

        var done = await WaitForStatusAsync(statusUri, s => s.GetProperty("runtimeStatus").GetString() == "Completed");
        done.Status.ShouldBe(HttpStatusCode.OK);
        done.Body.GetProperty("output").GetString().ShouldBe("approved by dave");
        done.Body.GetProperty("input").GetInt32().ShouldBe(600_000);
    }

    [Fact]
    public async Task Terminate_ThenPurge_RemoveTheInstance()
    {
        using var start = await Http.PostAsync("/runtime/webhooks/durabletask/orchestrators/WaitForever", null);
        var statusUri = (await start.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("statusQueryGetUri").GetString()!;
        await WaitForStatusAsync(statusUri, s => s.GetProperty("runtimeStatus").GetString() == "Running");

        using var purgeRunning = await Http.DeleteAsync(statusUri);
        purgeRunning.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        using var terminate = await Http.PostAsync(statusUri + "/terminate?reason=enough", null);
        terminate.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var terminated = await WaitForStatusAsync(statusUri, s => s.GetProperty("runtimeStatus").GetString() == "Terminated");
        terminated.Body.GetProperty("output").GetString().ShouldBe("enough");
        using var terminateAgain = await Http.PostAsync(statusUri + "/terminate", null);
        terminateAgain.StatusCode.ShouldBe(HttpStatusCode.Gone);

        using var purge = await Http.DeleteAsync(statusUri);
        purge.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await purge.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("instancesDeleted").GetInt32().ShouldBe(1);
        using var gone = await Http.GetAsync(statusUri);
        gone.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task UnknownOrchestratorOrInstance_Returns404_AndBadJson400()
    {
        using var unknown = await Http.PostAsync("/runtime/webhooks/durabletask/orchestrators/Nope", null);
        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using var missing = await Http.GetAsync("/runtime/webhooks/durabletask/instances/does-not-exist");
        missing.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using var raise = await Http.PostAsync("/runtime/webhooks/durabletask/instances/does-not-exist/raiseEvent/x", null);
        raise.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using var bad = await Http.PostAsync("/runtime/webhooks/durabletask/orchestrators/Echoing", new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"));
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> WaitForStatusAsync(string uri, Func<JsonElement, bool> condition)
    {
        using var hang = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            using var response = await Http.GetAsync(uri, hang.Token);
            var body = await response.Content.ReadFromJsonAsync<JsonElement>(hang.Token);
            if (condition(body))
            {
                return (response.StatusCode, body);
            }

            await Task.Delay(10, hang.Token);
        }
    }
}
