using System.Collections.Concurrent;
using System.Diagnostics;
using Azure.Core;
using Marketplace.Shared.Storage;
using Marketplace.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Shouldly;
using Xunit;

namespace Marketplace.Shared.Tests.Storage;

public sealed class StoragePipelineTests
{
    [Theory]
    [InlineData(503, "x-ms-retry-after-ms", "1200")]
    [InlineData(429, "Retry-After", "1")]
    [InlineData(500, "retry-after-ms", "1200")]
    [InlineData(408, "x-ms-retry-after-ms", "1200")]
    public async Task TransientStatus_IsRetriedAfterTheServerHint(int status, string header, string value)
    {
        await using var server = await ScriptedServer.StartAsync([(status, header, value), (200, null, null)]);
        var pipeline = StoragePipeline.Create(server.Account, StorageService.Blob, FastRetries());

        var response = await SendAsync(pipeline, server.Account.BlobEndpoint);

        response.Status.ShouldBe(200);
        server.Arrivals.Count.ShouldBe(2);
        (server.Arrivals[1] - server.Arrivals[0]).ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(950));
    }

    [Theory]
    [InlineData(404)]
    [InlineData(409)]
    [InlineData(412)]
    [InlineData(502)]
    public async Task OtherStatus_IsNotRetried(int status)
    {
        await using var server = await ScriptedServer.StartAsync([(status, null, null), (200, null, null)]);
        var pipeline = StoragePipeline.Create(server.Account, StorageService.Blob, FastRetries());

        var response = await SendAsync(pipeline, server.Account.BlobEndpoint);

        response.Status.ShouldBe(status);
        server.Arrivals.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Requests_CarryVersionDateClientRequestIdAndSharedKey()
    {
        await using var server = await ScriptedServer.StartAsync([(200, null, null)]);
        var pipeline = StoragePipeline.Create(server.Account, StorageService.Queue, FastRetries());

        await SendAsync(pipeline, server.Account.QueueEndpoint);

        var headers = server.Headers.Single();
        headers["x-ms-version"].ShouldBe(StorageClientOptions.DefaultServiceVersion);
        headers.ShouldContainKey("x-ms-date");
        headers.ShouldContainKey("x-ms-client-request-id");
        headers["Authorization"].ShouldStartWith("SharedKey devstoreaccount1:");
    }

    [Fact]
    public async Task Logs_NeverContainTheKeyOrTheSignature()
    {
        await using var server = await ScriptedServer.StartAsync([(503, null, null), (403, null, null)]);
        var logs = new CapturingLogger();
        var pipeline = StoragePipeline.Create(server.Account, StorageService.Table, FastRetries(), logs);

        await SendAsync(pipeline, new Uri(server.Account.TableEndpoint, "Tables?sig=topsecret"));

        logs.Lines.ShouldNotBeEmpty();
        var all = string.Join('\n', logs.Lines);
        all.ShouldNotContain(StorageAccount.DevelopmentAccountKey);
        all.ShouldNotContain("topsecret");
        all.ShouldNotContain(server.Headers[0]["Authorization"].Split(':')[1]);
        all.ShouldContain("403");
    }

    private static StorageClientOptions FastRetries()
    {
        var options = new StorageClientOptions();
        options.Retry.Delay = TimeSpan.FromMilliseconds(5);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(5);
        options.Retry.MaxRetries = 3;
        return options;
    }

    private static async Task<Azure.Response> SendAsync(Azure.Core.Pipeline.HttpPipeline pipeline, Uri uri)
    {
        var message = pipeline.CreateMessage();
        message.Request.Method = RequestMethod.Get;
        message.Request.Uri.Reset(uri);
        await pipeline.SendAsync(message, default);
        return message.Response;
    }

    private sealed class CapturingLogger : ILogger
    {
        public ConcurrentQueue<string> Lines { get; } = new();

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Enqueue(formatter(state, exception));
    }

    /// <summary>A loopback server answering each request with the next scripted status and header.</summary>
    private sealed class ScriptedServer : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private ScriptedServer(WebApplication app, StorageAccount account)
        {
            _app = app;
            Account = account;
        }

        public StorageAccount Account { get; }

        public List<TimeSpan> Arrivals { get; } = [];

        public List<Dictionary<string, string>> Headers { get; } = [];

        public static async Task<ScriptedServer> StartAsync((int Status, string? Header, string? Value)[] script)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var app = builder.Build();
            var clock = Stopwatch.StartNew();
            ScriptedServer? server = null;
            var next = 0;
            app.Run(context =>
            {
                lock (server!)
                {
                    server.Arrivals.Add(clock.Elapsed);
                    server.Headers.Add(context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase));
                    var (status, header, value) = script[Math.Min(next++, script.Length - 1)];
                    context.Response.StatusCode = status;
                    if (header is not null)
                    {
                        context.Response.Headers[header] = value;
                    }
                }

                return Task.CompletedTask;
            });
            await app.StartAsync();
            var url = app.Urls.First().TrimEnd('/');
            var connection = $"AccountName=devstoreaccount1;AccountKey={StorageAccount.DevelopmentAccountKey};" +
                $"BlobEndpoint={url}/devstoreaccount1;QueueEndpoint={url}/devstoreaccount1;TableEndpoint={url}/devstoreaccount1";
            server = new ScriptedServer(app, StorageAccount.Parse(connection));
            return server;
        }

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }
}
