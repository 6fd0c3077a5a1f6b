using System.Diagnostics;
using Marketplace.Sandbox.Discogs;
using Marketplace.Shared.Discogs;
using Marketplace.TestSupport.Photos;

namespace Marketplace.Benchmarks.Photos;

/// <summary>
/// 240 database searches, 8 in flight, through one paced <see cref="DiscogsClient"/> against the Discogs sandbox with a
/// moving-window limit of 60 requests per 12 s (Discogs's: 60 per 60 s; shortened so the run takes seconds, the pacing is
/// the same; a call counts from its answer, so each window also costs one round trip, a larger share of a short window). <c>utilisation</c> is the share of the limit used: requests made over the most a moving window
/// allows in the elapsed time (limit × (elapsed / window + 1): a full window at the start, then the limit's rate); <c>responses_429</c> counts throttled answers.
/// </summary>
internal sealed class DiscogsPacingBenchmark : IBenchmarkScenario
{
    private const int Requests = 240;
    private const int Limit = 60;
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(12);

    public string Name => "discogs.search.pacing";

    public async Task RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        await using var discogs = await DiscogsSandboxServer.StartAsync(o => { o.RateLimit = Limit; o.RateLimitWindow = Window; }, cancellationToken);
        for (var i = 0; i < 40; i++)
        {
            discogs.State.AddRelease(SyntheticReleases.Create(i));
        }

        var client = new DiscogsClient(new HttpClient { Timeout = Timeout.InfiniteTimeSpan }, new DiscogsClientOptions
        {
            Token = discogs.State.Options.Token, ApiBaseUrl = discogs.BaseUrl, UserAgent = "MarketplaceBenchmarks/1.0",
            RateLimit = Limit, RateLimitWindow = Window, RateLimitMargin = TimeSpan.FromMilliseconds(50),
        });

        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, Requests), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (i, ct) => await client.SearchAsync(new DiscogsSearchQuery { CatalogNumber = SyntheticReleases.Create(i % 40)["labels"]![0]!["catno"]!.GetValue<string>() }, 1, ct));
        watch.Stop();

        var allowed = Limit * (watch.Elapsed / Window + 1);
        context.Report(Name, "utilisation", Requests / allowed, "ratio");
        context.Report(Name, "responses_429", discogs.State.Throttled, "count");
    }
}
