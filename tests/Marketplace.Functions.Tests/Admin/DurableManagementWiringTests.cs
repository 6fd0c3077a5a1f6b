using System.Net;
using Marketplace.Functions.Tests.Support;
using Marketplace.Orchestrations.Sync.Sales;
using Marketplace.TestSupport;
using Shouldly;
using Xunit;

namespace Marketplace.Functions.Tests.Admin;

/// <summary>The app serves Durable's management API over its <c>DurableTaskClient</c> under the admin key.</summary>
[Trait("Category", "Integration")]
public sealed class DurableManagementWiringTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private FunctionsAppFactory _app = null!;
    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        var settings = FunctionsAppFactory.StandaloneSettings(azurite.ConnectionString, AzuriteFixture.UniqueName("state"), triggers: false);
        settings["Sync:TaskHub"] = "hub" + AzuriteFixture.UniqueName("m");
        _app = new FunctionsAppFactory(settings);
        _client = _app.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task InstanceStatus_WithoutKey_Is401()
    {
        using var response = await _client.GetAsync("/api/admin/durabletask/instances/some-id");

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task InstanceStatus_OfUnknownInstance_WithKey_Is404()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/admin/durabletask/instances/no-such-instance");
        request.Headers.Add("x-functions-key", FunctionsAppFactory.AdminKey);

        using var response = await _client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Start_WithKey_Returns202WithManagementUrlsUnderTheAdminPrefix()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/admin/durabletask/orchestrators/{nameof(SaleOrchestrator)}/wiring-" + Guid.NewGuid().ToString("N"));
        request.Headers.Add("x-functions-key", FunctionsAppFactory.AdminKey);
        request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");

        using var response = await _client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        response.Headers.Location!.ToString().ShouldContain("/api/admin/durabletask/instances/");
    }

    [Fact]
    public async Task Start_OfAnOrchestratorTheAppDoesNotHave_Is404()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/admin/durabletask/orchestrators/NoSuchOrchestrator");
        request.Headers.Add("x-functions-key", FunctionsAppFactory.AdminKey);
        request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");

        using var response = await _client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
