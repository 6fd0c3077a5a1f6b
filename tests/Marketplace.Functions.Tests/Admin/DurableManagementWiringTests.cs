using System.Net;
using Marketplace.Functions.Tests.Support;
using Marketplace.Orchestrations.Engine;
using Marketplace.Shared.Storage;
using Marketplace.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;

namespace Marketplace.Functions.Tests.Admin;

/// <summary>With an orchestration client registered, the app serves Durable's management API under the admin key.</summary>
[Trait("Category", "Integration")]
public sealed class DurableManagementWiringTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private FunctionsAppFactory _app = null!;
    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        var hub = "hub" + AzuriteFixture.UniqueName("m");
        _app = new FunctionsAppFactory(
            FunctionsAppFactory.StandaloneSettings(azurite.ConnectionString, AzuriteFixture.UniqueName("state"), triggers: false),
            services => services.AddDurableTaskClient(StorageAccount.Parse(azurite.ConnectionString), o => o.TaskHubName = hub));
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
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/admin/durabletask/orchestrators/NoWorkerNeeded/wiring-" + Guid.NewGuid().ToString("N"));
        request.Headers.Add("x-functions-key", FunctionsAppFactory.AdminKey);
        request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");

        using var response = await _client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        response.Headers.Location!.ToString().ShouldContain("/api/admin/durabletask/instances/");
    }
}
