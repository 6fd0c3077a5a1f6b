using System.Collections.Concurrent;
using Marketplace.Orchestrations.Photos;
using Marketplace.Orchestrations.Tests.Sync.Orchestrators;
using Marketplace.Shared.Photos;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;

namespace Marketplace.Orchestrations.Tests.Photos;

/// <summary><see cref="PhotoMatchOrchestrator"/> on the in-memory host with stand-in activities: parallel OCR, the decision, waiting for the operator.</summary>
public sealed class PhotoMatchOrchestratorTests
{
    private static readonly PhotoImage Label = new("label", "b1/label.jpg", "image/jpeg", 10);
    private static readonly PhotoImage Runout = new("runout", "b1/runout.jpg", "image/jpeg", 10);

    private static Task<Microsoft.DurableTask.Testing.DurableTaskTestHost> StartAsync(IReadOnlyList<ReleaseCandidate> candidates, ConcurrentQueue<string> steps) =>
        OrchestratorHost.StartAsync((r, sp) => r
            .AddOrchestrator<PhotoMatchOrchestrator>(sp)
            .AddActivityFunc<string, PhotoBatchManifest?>(nameof(LoadPhotoBatchActivity), (_, id) => new PhotoBatchManifest(id, [Label, Runout], new PhotoHints(), DateTimeOffset.UnixEpoch))
            .AddActivityFunc<PhotoTextRequest, PhotoText>(nameof(ReadPhotoTextActivity), (_, q) =>
            {
                steps.Enqueue("ocr " + q.Image.Role);
                return q.Image.Role == "runout" ? new PhotoText("runout", q.Image.Blob, "tesseract", [], "OCR unavailable") : new PhotoText("label", q.Image.Blob, "tesseract", [new("SK 026", 0.9)]);
            })
            .AddActivityFunc<PhotoMatchRequest, IReadOnlyList<ReleaseCandidate>>(nameof(MatchPhotoBatchActivity), (_, q) =>
            {
                steps.Enqueue($"match {q.Texts.Count} texts");
                return candidates;
            })
            .AddActivityFunc<PhotoDraftRequest, PhotoDraft>(nameof(CreatePhotoDraftActivity), (_, q) =>
            {
                steps.Enqueue("draft " + q.ReleaseId);
                return new PhotoDraft("PH-" + q.BatchId.ToUpperInvariant(), "cs-1", q.ReleaseId, true);
            })
            .AddActivityFunc<PhotoRecordRequest, bool>(nameof(RecordPhotoBatchActivity), (_, q) =>
            {
                steps.Enqueue(q.Action + " " + q.Record.Stage);
                return true;
            }), services => services.AddSingleton(new PhotoOptions()));

    private static ReleaseCandidate Candidate(long id, double score) => new(id, "t", "a", null, null, null, score, []);

    [Fact]
    public async Task ClearMatch_ReadsEveryPhoto_EvenWhenOcrFailsOnOne_AndMakesTheDraft()
    {
        var steps = new ConcurrentQueue<string>();
        await using var host = await StartAsync([Candidate(2, 60), Candidate(3, 10)], steps);

        var result = await host.RunAsync<PhotoMatchOrchestrator, PhotoMatchResult>(new PhotoMatchInput("b1"));

        result.Stage.ShouldBe("DRAFTED");
        result.Draft!.ReleaseId.ShouldBe(2);
        steps.Where(s => s.StartsWith("ocr", StringComparison.Ordinal)).Order().ShouldBe(["ocr label", "ocr runout"]);
        steps.ShouldContain("match 2 texts");
        steps.Where(s => s.StartsWith("photo.", StringComparison.Ordinal)).ShouldBe(["photo.received READING", "photo.ocr MATCHING", "photo.draft DRAFTED"]);
    }

    [Fact]
    public async Task TwoCandidatesAlike_WaitsUnmatched_ThenDraftsTheOperatorsChoice()
    {
        var steps = new ConcurrentQueue<string>();
        await using var host = await StartAsync([Candidate(2, 60), Candidate(3, 58)], steps);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(PhotoMatchOrchestrator), new PhotoMatchInput("b2"));

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!steps.Contains("photo.unmatched UNMATCHED"))
        {
            await Task.Delay(50, timeout.Token);
        }

        steps.ShouldNotContain(s => s.StartsWith("draft", StringComparison.Ordinal));
        await host.Client.RaiseEventAsync(id, PhotoMatchOrchestrator.ResolveEvent, new PhotoResolution(3, "ops"));
        var done = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);

        done.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed);
        var result = done.ReadOutputAs<PhotoMatchResult>()!;
        result.Draft!.ReleaseId.ShouldBe(3);
        result.Decision!.Reason.ShouldContain("ops");
    }
}
