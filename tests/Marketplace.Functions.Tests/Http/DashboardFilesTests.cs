using System.Net;
using Marketplace.Functions.Tests.Support;
using Shouldly;
using Xunit;

namespace Marketplace.Functions.Tests.Http;

/// <summary>The dashboard's static files: served without a key (no data in them), locked down by headers, nothing outside the folder.</summary>
public sealed class DashboardFilesTests : IAsyncLifetime
{
    private FunctionsAppFactory _app = null!;
    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        _app = new FunctionsAppFactory(FunctionsAppFactory.StandaloneSettings("UseDevelopmentStorage=true", "unused", triggers: false));
        _client = _app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Dashboard_WithoutSlash_RedirectsToTheFolder()
    {
        using var response = await _client.GetAsync("/api/dashboard");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldBe("/api/dashboard/");
    }

    [Fact]
    public async Task Dashboard_ServesThePageWithoutAKey_WithAStrictContentSecurityPolicy()
    {
        using var response = await _client.GetAsync("/api/dashboard/");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        response.Headers.GetValues("Content-Security-Policy").Single().ShouldContain("script-src 'self'");
        response.Headers.GetValues("Referrer-Policy").Single().ShouldBe("no-referrer");
        (await response.Content.ReadAsStringAsync()).ShouldContain("js/app.js");
    }

    [Theory]
    [InlineData("/api/dashboard/js/app.js", "text/javascript")]
    [InlineData("/api/dashboard/vendor/uPlot.esm.js", "text/javascript")]
    [InlineData("/api/dashboard/css/app.css", "text/css")]
    public async Task Dashboard_ServesItsAssets(string path, string mediaType)
    {
        using var response = await _client.GetAsync(path);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe(mediaType);
    }

    [Theory]
    [InlineData("/api/dashboard/appsettings.json")]
    [InlineData("/api/dashboard/..%2FMarketplace.Functions.dll")]
    [InlineData("/api/dashboard/js/missing.js")]
    public async Task Dashboard_ServesNothingElse(string path)
    {
        using var response = await _client.GetAsync(path);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("index.html")]
    [InlineData("js/app.js")]
    [InlineData("vendor/uPlot.esm.js")]
    public void PublishedApp_CarriesTheDashboardFiles(string file)
    {
        var folder = Path.Combine(Path.GetDirectoryName(Hosting.PublishedMetadata.Path)!, "dashboard");

        File.Exists(Path.Combine(folder, file)).ShouldBeTrue($"{file} in the published app's dashboard folder");
    }

    [Fact]
    public async Task DashboardData_NeedsTheKey()
    {
        using var response = await _client.GetAsync("/api/admin/dashboard/overview");

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}
