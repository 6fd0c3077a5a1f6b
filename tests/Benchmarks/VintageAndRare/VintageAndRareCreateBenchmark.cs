using System.Diagnostics;
using System.Globalization;
using Azure.Storage.Blobs.Models;
using Marketplace.Sandbox.VintageAndRare;
using Marketplace.Shared.Marketplaces;
using Marketplace.Shared.Secrets;
using Marketplace.Shared.VintageAndRare;
using Marketplace.TestSupport;

namespace Marketplace.Benchmarks.VintageAndRare;

/// <summary>
/// 20 listings with 3 photos each (from Blob storage) created through real Chromium against the Vintage &amp; Rare
/// sandbox site, one at a time as the per-account lock runs them; the peak working set is summed over this
/// process's descendants (the Playwright driver and the Chromium processes).
/// </summary>
internal sealed class VintageAndRareCreateBenchmark : IBenchmarkScenario
{
    private const int Listings = 20;

    public string Name => "vr.listing.create";

    public async Task RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        await using var site = await VintageAndRareSandboxServer.StartAsync(cancellationToken: cancellationToken);
        var blobs = (await context.AzuriteAsync()).Account.CreateBlobServiceClient();
        var photos = blobs.GetBlobContainerClient(AzuriteFixture.UniqueName("vrbench"));
        await photos.CreateIfNotExistsAsync(PublicAccessType.Blob, cancellationToken: cancellationToken);
        var urls = new List<string>();
        for (var i = 1; i <= 3; i++)
        {
            var blob = photos.GetBlobClient($"photo-{i}.jpg");
            await blob.UploadAsync(BinaryData.FromBytes(new byte[200_000]), new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "image/jpeg" } }, cancellationToken);
            urls.Add(blob.Uri.ToString());
        }

        var secrets = new InMemorySecretStore();
        await secrets.SetSecretAsync("vintageandrare--bench--username", site.State.Options.Username, cancellationToken);
        await secrets.SetSecretAsync("vintageandrare--bench--password", site.State.Options.Password, cancellationToken);
        await using var browser = new VintageAndRareBrowser(
            new VintageAndRareOptions { BaseUrl = site.SiteUrl, Account = "bench", Container = photos.Name }, blobs, secrets);
        using var http = new HttpClient();
        var connector = new VintageAndRareConnector(browser, http);
        using var stop = new CancellationTokenSource();
        var peak = Task.Run(() => SamplePeakAsync(stop.Token), CancellationToken.None);

        var watch = Stopwatch.StartNew();
        for (var i = 0; i < Listings; i++)
        {
            await connector.UpsertListingAsync(new ListingDraft
            {
                Sku = $"VR-BENCH-{i:00}", Title = $"Gibson ES-335 {i}", Price = 5000m + i, Quantity = 1, Condition = "Excellent",
                CategoryId = "electric-guitars", ShippingProfileId = "eu-courier", ImageUrls = urls, DescriptionHtml = "1966, cherry.",
            }, cancellationToken);
        }

        watch.Stop();
        await stop.CancelAsync();
        if (site.State.Listings.Count != Listings)
        {
            throw new InvalidOperationException($"{site.State.Listings.Count} listings on the site, expected {Listings}.");
        }

        context.Report(Name, "seconds_per_listing", watch.Elapsed.TotalSeconds / Listings, "s");
        context.Report(Name, "peak_working_set_mib", await peak / 1048576.0, "MiB");
    }

    private static async Task<long> SamplePeakAsync(CancellationToken cancellationToken)
    {
        long peak = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            peak = Math.Max(peak, DescendantsWorkingSet(Environment.ProcessId));
            await Task.Delay(100, CancellationToken.None);
        }

        return peak;
    }

    private static long DescendantsWorkingSet(int root)
    {
        // Parent ids from /proc/<pid>/stat (field 4, after the parenthesised command name).
        var parents = new Dictionary<int, int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid))
            {
                try
                {
                    var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                    var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                    parents[pid] = int.Parse(fields[1], CultureInfo.InvariantCulture);
                }
                catch (IOException)
                {
                    // The process ended while we looked.
                }
            }
        }

        long total = 0;
        foreach (var (pid, _) in parents)
        {
            var ancestor = parents.GetValueOrDefault(pid);
            while (ancestor > 1 && ancestor != root)
            {
                ancestor = parents.GetValueOrDefault(ancestor);
            }

            if (ancestor == root)
            {
                try
                {
                    using var process = Process.GetProcessById(pid);
                    total += process.WorkingSet64;
                }
                catch (ArgumentException)
                {
                    // Gone already.
                }
            }
        }

        return total;
    }
}
