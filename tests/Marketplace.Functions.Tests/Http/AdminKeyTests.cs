using System.Net;
using Marketplace.Functions.Tests.Support;
using Marketplace.TestSupport;
using Shouldly;
using Xunit;

namespace Marketplace.Functions.Tests.Http;

/// <summary>Admin routes accept the key in <c>x-functions-key</c> or <c>code</c>, as Azure Functions does, and nothing else.</summary>
public sealed class AdminKeyTests : IAsyncLifetime
{
    private FunctionsAppFactory _app = null!;
    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        // No storage call is made by these routes; the development connection string only has to parse.
        _app = new FunctionsAppFactory(FunctionsAppFactory.StandaloneSettings("UseDevelopmentStorage=true", "unused", triggers: false));
        _client = _app.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Theory]
    [InlineData("/api/admin/status")]
    [InlineData("/api/admin/dashboard/overview")]
    public async Task AdminRoute_WithoutKey_Is401(string path)
    {
        using var response = await _client.GetAsync(path);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("wrong")]
    [InlineData("test-admin-key-0123456789abcdefghijk")] // the right key minus its last character
    [InlineData("test-admin-key-0123456789abcdefghijklm")] // the right key plus one character
    public async Task AdminRoute_WithWrongKeyHeader_Is401(string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/admin/status");
        request.Headers.Add("x-functions-key", key);

        using var response = await _client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AdminRoute_WithWrongCodeQuery_Is401()
    {
        using var response = await _client.GetAsync("/api/admin/status?code=wrong");

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AdminRoute_WithKeyHeader_Is200()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/admin/status");
        request.Headers.Add("x-functions-key", FunctionsAppFactory.AdminKey);

        using var response = await _client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("\"standalone\"");
    }

    [Fact]
    public async Task AdminRoute_WithCodeQuery_Is200()
    {
        using var response = await _client.GetAsync("/api/admin/status?code=" + Uri.EscapeDataString(FunctionsAppFactory.AdminKey));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task AdminPost_WithGet_IsNotRouted()
    {
        using var response = await _client.GetAsync("/api/admin/reconcile?code=" + Uri.EscapeDataString(FunctionsAppFactory.AdminKey));

        response.StatusCode.ShouldBe(HttpStatusCode.MethodNotAllowed);
    }

    [Fact]
    public async Task Responses_CarryACorrelationId_EchoingTheCallers()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/admin/status");
        request.Headers.Add("x-correlation-id", "abc-123");

        using var response = await _client.SendAsync(request);

        response.Headers.GetValues("x-correlation-id").ShouldBe(["abc-123"]);
    }
}
