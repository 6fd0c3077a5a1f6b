using System.Collections.Concurrent;
using System.Net;
using Marketplace.Shared.Ocr;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Shouldly;
using Xunit;

namespace Marketplace.Sandbox.Tests.Photos;

/// <summary>
/// The Document Intelligence client against a local fake of the documented async contract: POST analyze answers 202 with
/// <c>Operation-Location</c>; polling answers <c>running</c> then <c>succeeded</c> (the published prebuilt-read result) or
/// <c>failed</c>; throttling is 429 with Retry-After; the key travels as <c>Ocp-Apim-Subscription-Key</c>.
/// </summary>
public sealed class DocumentIntelligenceClientTests : IAsyncLifetime
{
    private const string Key = "fake-docintel-key";
    private readonly ConcurrentQueue<string> _calls = new();
    private WebApplication _app = null!;
    private Uri _endpoint = null!;
    private int _throttleFirst;
    private string _outcome = "succeeded";
    private int _polls;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapPost("/documentintelligence/documentModels/{model}:analyze", (string model, HttpContext http) =>
        {
            _calls.Enqueue($"POST {model} {http.Request.Query["api-version"]}");
            if (http.Request.Headers["Ocp-Apim-Subscription-Key"] != Key)
            {
                return Results.Json(new { error = new { code = "401", message = "Access denied due to invalid subscription key." } }, statusCode: 401);
            }

            if (Interlocked.Decrement(ref _throttleFirst) >= 0)
            {
                http.Response.Headers.RetryAfter = "1";
                return Results.Json(new { error = new { code = "429", message = "Rate limit is exceeded." } }, statusCode: 429);
            }

            http.Response.Headers["Operation-Location"] = $"{_endpoint}documentintelligence/documentModels/{model}/analyzeResults/r-1?api-version=2024-11-30";
            http.Response.Headers.RetryAfter = "0";
            return Results.StatusCode(202);
        });
        _app.MapGet("/documentintelligence/documentModels/{model}/analyzeResults/{id}", (string model, string id, HttpContext http) =>
        {
            _calls.Enqueue("GET " + id);
            http.Response.Headers.RetryAfter = "0";
            if (Interlocked.Increment(ref _polls) == 1)
            {
                return Results.Json(new { status = "running" });
            }

            return _outcome == "failed"
                ? Results.Json(new { status = "failed", error = new { code = "InvalidContent", message = "The file is corrupted or format is unsupported." } })
                : Results.Text(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "docintel_prebuilt_read_analyze_result.json")), "application/json");
        });
        await _app.StartAsync();
        _endpoint = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/");
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private DocumentIntelligenceClient Client(string key = Key) => new(new HttpClient(), new DocumentIntelligenceClientOptions
    {
        Endpoint = _endpoint, ApiKey = key, PollInterval = TimeSpan.FromMilliseconds(10), RetryBaseDelay = TimeSpan.FromMilliseconds(10),
    });

    [Fact]
    public async Task Analyze_PollsUntilSucceeded_AndReturnsLinesWithWordConfidence()
    {
        var reader = new DocumentIntelligenceOcrReader(Client());

        var result = await reader.ReadAsync(new byte[] { 1, 2, 3 }, "image/jpeg");

        _calls.ShouldBe(["POST prebuilt-read 2024-11-30", "GET r-1", "GET r-1"]);
        result.Engine.ShouldBe("documentintelligence");
        result.Lines[0].Text.ShouldBe("While healthcare is still in the early stages of its Al journey, we");
        result.Lines.ShouldAllBe(l => l.Confidence > 0.5 && l.Confidence <= 1);
    }

    [Fact]
    public async Task Analyze_Throttled_WaitsRetryAfterAndSucceeds()
    {
        _throttleFirst = 1;

        var result = await Client().AnalyzeAsync(new byte[] { 1 });

        _calls.Count(c => c.StartsWith("POST", StringComparison.Ordinal)).ShouldBe(2);
        result.Pages.ShouldNotBeNull().ShouldNotBeEmpty();
    }

    [Fact]
    public async Task Analyze_FailedAnalysis_IsOcrFailedWithTheServiceCode()
    {
        _outcome = "failed";

        var ex = await Should.ThrowAsync<OcrFailedException>(() => Client().AnalyzeAsync(new byte[] { 1 }));

        ex.Code.ShouldBe("InvalidContent");
        ex.Message.ShouldContain("corrupted");
    }

    [Fact]
    public async Task Analyze_WrongKey_IsOcrFailedNotRetried()
    {
        await Should.ThrowAsync<OcrFailedException>(() => Client("wrong").AnalyzeAsync(new byte[] { 1 }));

        _calls.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Analyze_NobodyListening_IsOcrUnavailable()
    {
        var client = new DocumentIntelligenceClient(new HttpClient(), new DocumentIntelligenceClientOptions
        {
            Endpoint = new Uri("http://127.0.0.1:9/"), ApiKey = Key, MaxRetries = 0, AttemptTimeout = TimeSpan.FromSeconds(5),
        });

        await Should.ThrowAsync<OcrUnavailableException>(() => client.AnalyzeAsync(new byte[] { 1 }));
    }
}
