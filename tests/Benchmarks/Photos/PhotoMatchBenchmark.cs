using System.Diagnostics;
using Marketplace.Sandbox.Discogs;
using Marketplace.Shared.Discogs;
using Marketplace.Shared.Ocr;
using Marketplace.Shared.Photos;
using Marketplace.TestSupport.Photos;

namespace Marketplace.Benchmarks.Photos;

/// <summary>
/// 50 batches of known releases (a label photo and a run-out photo each, generated with ImageMagick: textured, rotated,
/// noisy) matched against the Discogs sandbox holding 200 releases: per batch, Tesseract reads both photos in parallel,
/// clues are extracted, Discogs searched and releases scored, and the decision taken (the work of the PhotoMatch
/// activities, without the durable engine's scheduling). Reports the share matched to the right release and the
/// per-batch p50/p95 in seconds. The sandbox's rate limit is lifted here: Discogs pacing is measured by discogs.search.pacing.
/// </summary>
internal sealed class PhotoMatchBenchmark : IBenchmarkScenario
{
    private const int Batches = 50;

    public string Name => "photo.match";

    public async Task RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        await using var discogs = await DiscogsSandboxServer.StartAsync(o => o.RateLimit = 100_000, cancellationToken);
        for (var i = 0; i < 200; i++)
        {
            discogs.State.AddRelease(SyntheticReleases.Create(i));
        }

        var options = new PhotoOptions();
        var client = new DiscogsClient(new HttpClient { Timeout = Timeout.InfiniteTimeSpan }, new DiscogsClientOptions
        {
            Token = discogs.State.Options.Token, ApiBaseUrl = discogs.BaseUrl, RateLimit = 100_000, UserAgent = "MarketplaceBenchmarks/1.0",
        });
        var matcher = new PhotoMatcher(client, options);
        var reader = new TesseractOcrReader(new TesseractOptions());
        var seconds = new List<double>();
        var right = 0;
        for (var batch = 0; batch < Batches; batch++)
        {
            var index = batch * 4 % 200;
            var release = SyntheticReleases.Create(index);
            var rotation = (batch % 7 - 3) * 1.5;
            var label = await PhotoImages.RenderAsync(PhotoStyle.Label, SyntheticReleases.LabelLines(release), batch, rotation);
            var runout = await PhotoImages.RenderAsync(PhotoStyle.Runout, SyntheticReleases.RunoutLines(release), batch, -rotation);

            var watch = Stopwatch.StartNew();
            var texts = await Task.WhenAll(Read(reader, "label", label, cancellationToken), Read(reader, "runout", runout, cancellationToken));
            var candidates = await matcher.FindCandidatesAsync(PhotoClueExtractor.Extract(new PhotoHints(), texts), cancellationToken);
            var decision = ReleaseScorer.Decide(candidates, options.MatchThreshold, options.MatchMargin);
            watch.Stop();

            seconds.Add(watch.Elapsed.TotalSeconds);
            right += decision.ReleaseId == SyntheticReleases.IdOf(index) ? 1 : 0;
        }

        seconds.Sort();
        context.Report(Name, "accuracy", (double)right / Batches, "ratio");
        context.Report(Name, "p50_s", Percentile(seconds, 0.50), "s");
        context.Report(Name, "p95_s", Percentile(seconds, 0.95), "s");
    }

    private static async Task<PhotoText> Read(IOcrReader reader, string role, byte[] image, CancellationToken cancellationToken)
    {
        var result = await reader.ReadAsync(image, "image/jpeg", cancellationToken);
        return new PhotoText(role, role + ".jpg", result.Engine, [.. result.Lines.Select(l => new PhotoTextLine(l.Text, l.Confidence))]);
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
