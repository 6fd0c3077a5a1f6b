using System.Diagnostics;
using System.Text.Json.Nodes;
using Marketplace.Benchmarks.Catalog;
using Marketplace.Benchmarks.Host;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.ChangeSets;
using Marketplace.Shared.Catalog.Csv;
using Marketplace.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Marketplace.Benchmarks.Dashboard;

/// <summary>
/// <c>dashboard.load</c>: the overview with 10,000 products and 1,000 pending change sets (own in-memory Azurite, the app
/// on Kestrel). <c>p95_ms</c> = 95th percentile of the browser's load-to-idle of the overview page in Debian's chromium
/// (navigation start until the overview has rendered its data, its last request; includes the server time);
/// <c>server_p95_ms</c> = 95th percentile of <c>GET /api/admin/dashboard/overview</c> alone.
/// </summary>
internal sealed class DashboardLoadBenchmark : IBenchmarkScenario
{
    private const int Products = 10_000;
    private const int ChangeSets = 1_000;
    private const int ServerSamples = 40;
    private const int BrowserSamples = 20;

    public string Name => "dashboard.load";

    public async Task RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        await using var azurite = await AzuriteInstance.StartAsync(inMemory: true, cancellationToken);
        var (app, baseAddress) = await BenchmarkApp.StartAsync(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["Standalone:TriggersEnabled"] = "false",
        }, _ => { });
        await using (app)
        {
            await SeedAsync(app.Services, cancellationToken);
            using var http = new HttpClient { BaseAddress = baseAddress };
            http.DefaultRequestHeaders.Add("x-functions-key", BenchmarkApp.AdminKey);
            var server = new List<double>();
            for (var i = 0; i < ServerSamples + 3; i++)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await http.GetAsync("/api/admin/dashboard/overview", cancellationToken);
                response.EnsureSuccessStatusCode();
                var pending = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))!["pendingChangeSets"]!.GetValue<int>();
                if (pending < ChangeSets)
                {
                    throw new InvalidOperationException($"The overview counts {pending} pending change sets, expected {ChangeSets}.");
                }

                if (i == ServerSamples + 2)
                {
                    await Console.Error.WriteLineAsync("overview Server-Timing: " + string.Join(", ", response.Headers.GetValues("Server-Timing")));
                }

                if (i >= 3)
                {
                    server.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
            }

            var browser = await BrowserLoadsAsync(baseAddress);
            context.Report(Name, "p95_ms", P95(browser), "ms");
            context.Report(Name, "server_p95_ms", P95(server), "ms");
        }
    }

    private static async Task SeedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var path = Path.Combine(Path.GetTempPath(), $"dashboard-bench-{Guid.NewGuid():N}.csv");
        try
        {
            await CatalogCsvImportScenario.WriteFileAsync(path, Products, cancellationToken);
            var result = await services.GetRequiredService<CatalogCsvImporter>().ImportAsync(
                _ => Task.FromResult<Stream>(File.OpenRead(path)), applyValidRows: false, CatalogActor.Create("benchmark"), cancellationToken);
            if (result.Created != Products)
            {
                throw new InvalidOperationException($"Seeded {result.Created} of {Products} products.");
            }
        }
        finally
        {
            File.Delete(path);
        }

        var skus = await CsvSkusAsync(services, ChangeSets, cancellationToken);
        var changeSets = services.GetRequiredService<ChangeSetService>();
        await Parallel.ForEachAsync(skus, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (sku, ct) =>
            await changeSets.StageAsync(new StageRequest(sku, new JsonObject { ["title"] = "Retitled " + sku }, Platform.Ebay, "benchmark"), CatalogActor.Create("benchmark"), ct));
    }

    private static async Task<List<string>> CsvSkusAsync(IServiceProvider services, int count, CancellationToken cancellationToken)
    {
        var catalog = services.GetRequiredService<Shared.Catalog.Products.ProductCatalog>();
        var skus = new List<string>();
        string? cursor = null;
        do
        {
            var page = await catalog.SearchAsync(new Shared.Catalog.Products.ProductQuery(Cursor: cursor, PageSize: 500), cancellationToken);
            skus.AddRange(page.Items.Select(p => p.Sku));
            cursor = page.NextCursor;
        }
        while (cursor is not null && skus.Count < count);

        return skus.Take(count).ToList();
    }

    private static async Task<List<double>> BrowserLoadsAsync(Uri baseAddress)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"],
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = baseAddress.ToString() });
        await page.GotoAsync("/api/dashboard/");
        await page.GetByLabel("Admin key").FillAsync(BenchmarkApp.AdminKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.Locator("[data-page=overview][data-loaded=true]").WaitForAsync();
        var samples = new List<double>();
        for (var i = 0; i < BrowserSamples + 2; i++)
        {
            await page.ReloadAsync(new PageReloadOptions { WaitUntil = WaitUntilState.Load });
            await page.Locator("[data-page=overview][data-loaded=true]").WaitForAsync();

            // The page marks the moment the overview has rendered its data (its last request); measured from navigation start.
            var ready = await page.EvaluateAsync<double>("performance.getEntriesByName('overview-ready')[0].startTime");
            if (i >= 2)
            {
                samples.Add(ready);
            }
        }

        return samples;
    }

    private static double P95(List<double> samples)
    {
        var sorted = samples.Order().ToList();
        return sorted[(int)Math.Ceiling(0.95 * sorted.Count) - 1];
    }
}
