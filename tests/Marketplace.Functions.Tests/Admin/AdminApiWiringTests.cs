using System.Net;
using System.Text.Json;
using Marketplace.Functions.Tests.Support;
using Marketplace.TestSupport;
using Shouldly;
using Xunit;

namespace Marketplace.Functions.Tests.Admin;

/// <summary>The catalog admin API is served by the app itself, behind the admin key, through its catch-all function.</summary>
[Trait("Category", "Integration")]
public sealed class AdminApiWiringTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private FunctionsAppFactory _app = null!;
    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        _app = new FunctionsAppFactory(FunctionsAppFactory.StandaloneSettings(azurite.ConnectionString, AzuriteFixture.UniqueName("state"), triggers: false));
        _client = _app.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Theory]
    [InlineData("/api/admin/catalog/products")]
    [InlineData("/api/admin/catalog/audit")]
    public async Task CatalogApi_WithoutKey_Is401ProblemDetails(string path)
    {
        using var response = await _client.GetAsync(path);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task CatalogApi_WithWrongKey_Is401()
    {
        using var response = await _client.GetAsync("/api/admin/catalog/products?code=not-the-key");

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task CatalogApi_WithKey_ListsProducts()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/admin/catalog/products");
        request.Headers.Add("x-functions-key", FunctionsAppFactory.AdminKey);

        using var response = await _client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        body.RootElement.ValueKind.ShouldBe(JsonValueKind.Object);
    }

    [Fact]
    public async Task UnknownAdminCatalogPath_WithKey_Is404FromTheCatchAllFunction()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/admin/catalog/no-such-thing/here");
        request.Headers.Add("x-functions-key", FunctionsAppFactory.AdminKey);

        using var response = await _client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync()).ShouldContain("No admin API route");
    }
}
