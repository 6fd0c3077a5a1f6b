using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Marketplace.Functions.Tests.Support;
using Marketplace.TestSupport;
using Shouldly;
using Xunit;

namespace Marketplace.Functions.Tests.Http;

/// <summary>Every refused admin request answers one RFC 9457 shape: errors by field, no .NET type names, 413 with a body.</summary>
[Trait("Category", "Integration")]
public sealed class AdminProblemTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private FunctionsAppFactory _app = null!;
    private HttpClient _http = null!;

    public Task InitializeAsync()
    {
        var settings = FunctionsAppFactory.StandaloneSettings(azurite.ConnectionString, AzuriteFixture.UniqueName("state"), triggers: false);
        settings["Sync:TaskHub"] = AzuriteFixture.UniqueName("hub");
        settings["Admin:MaxRequestBytes"] = "512";
        settings["Admin:MaxCsvUploadBytes"] = "4096";
        _app = new FunctionsAppFactory(settings);
        _http = _app.CreateClient();
        _http.DefaultRequestHeaders.Add("x-functions-key", FunctionsAppFactory.AdminKey);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _app.DisposeAsync();
    }

    [Theory]
    [InlineData("/api/admin/catalog/products", true)]
    [InlineData("/api/admin/catalog/products", false)]
    [InlineData("/api/admin/sync/unmatched/e-1/resolve", true)]
    [InlineData("/api/admin/sync/unmatched/e-1/resolve", false)]
    public async Task AdminRoute_BodyOverTheLimit_Is413ProblemNamingTheBody(string path, bool declaredLength)
    {
        var json = "{\"note\":\"" + new string('x', 2048) + "\"}";
        HttpContent content = declaredLength
            ? new StringContent(json, Encoding.UTF8, "application/json")
            : new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(json)));
        content.Headers.ContentType = new("application/json");
        if (!declaredLength)
        {
            content.Headers.ContentLength = null;
        }

        using var response = await _http.PostAsync(path, content);

        var problem = await ProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        problem["errors"]!["body"]!.AsArray().Count.ShouldBe(1);
        problem["detail"]!.GetValue<string>().ShouldContain("512");
    }

    [Fact]
    public async Task CsvUpload_HasItsOwnLimit_AndItsReportQuotesNoLongCell()
    {
        var longCell = new string('9', 300);
        var csv = "sku,title,base_price\nCSV-1,A guitar," + longCell + "\n";
        using var underCsvLimit = await _http.PostAsync("/api/admin/catalog/import?validateOnly=true", new StringContent(csv, Encoding.UTF8, "text/csv"));
        using var overCsvLimit = await _http.PostAsync("/api/admin/catalog/import?validateOnly=true",
            new StringContent(csv + string.Concat(Enumerable.Repeat("CSV-2,Another,12.50\n", 300)), Encoding.UTF8, "text/csv"));

        var report = await ProblemAsync(underCsvLimit, HttpStatusCode.UnprocessableEntity);
        var messages = report["rowErrors"]!.AsArray().Select(e => e!["message"]!.GetValue<string>()).ToList();
        report["errors"]!.AsObject().ShouldContainKey("base_price");
        messages.ShouldNotBeEmpty();
        var echoed = longCell[..60];
        messages.ShouldAllBe(m => !m.Contains(echoed, StringComparison.Ordinal) && m.Length < 200);
        await ProblemAsync(overCsvLimit, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task JsonOfTheWrongType_IsA400NamingTheField_WithoutDotNetTypeNames()
    {
        using var response = await _http.PostAsync("/api/admin/catalog/products",
            new StringContent("{\"sku\":\"T-1\",\"title\":\"A\",\"basePrice\":10,\"quantity\":\"many\"}", Encoding.UTF8, "application/json"));

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        problem["errors"]!.AsObject().ShouldContainKey("quantity");
        problem.ToJsonString().ShouldNotContain("System.");
    }

    [Theory]
    [InlineData("/api/admin/durabletask/instances?runtimeStatus=Sleeping", "runtimeStatus", "Running")]
    [InlineData("/api/admin/durabletask/instances?createdTimeFrom=yesterday", "createdTimeFrom", "ISO 8601")]
    [InlineData("/api/admin/durabletask/instances?top=ten", "top", "whole number")]
    [InlineData("/api/admin/sync/unmatched?status=LOST", "status", "OPEN")]
    public async Task BadQueryValue_IsA400WithErrorsByField(string path, string field, string hint)
    {
        using var response = await _http.GetAsync(path);

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        problem["errors"]![field]!.AsArray().Single()!.GetValue<string>().ShouldContain(hint);
        problem.ToJsonString().ShouldNotContain("System.");
    }

    [Fact]
    public async Task MalformedJson_OnASyncRoute_IsA400NamingTheBody()
    {
        using var response = await _http.PostAsync("/api/admin/sync/full", new StringContent("{\"direction\":", Encoding.UTF8, "application/json"));

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        problem["errors"]!.AsObject().Count.ShouldBe(1);
        problem.ToJsonString().ShouldNotContain("System.");
    }

    private static async Task<JsonObject> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(status, text);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = JsonNode.Parse(text)!.AsObject();
        problem["type"]!.GetValue<string>().ShouldNotBeNullOrEmpty();
        problem["title"]!.GetValue<string>().ShouldNotBeNullOrEmpty();
        problem["status"]!.GetValue<int>().ShouldBe((int)status);
        problem["detail"]!.GetValue<string>().ShouldNotBeNullOrEmpty();
        return problem;
    }
}
