using Marketplace.Orchestrations.Sync.FullSync;
using Marketplace.Shared.Catalog;
using Microsoft.DurableTask;

namespace Marketplace.Orchestrations.Sync.Pull;

/// <summary>
/// The pull phase of <see cref="FullSyncOrchestrator"/>: per execution one page per platform still
/// going, in parallel, each page cursor carried in <see cref="PullState"/> (ContinueAsNew), so a crash resumes at the
/// last finished page; a repeated page stages nothing twice. A platform whose page fails after the retries stops
/// with an error; the others go on. Called only from the orchestrator (replay-safe).
/// </summary>
internal static class PullPhase
{
    private const int MaxReportedChanges = 1000;

    /// <summary>Runs the next page of every open platform and returns the state after it (<see cref="PullState.Completed"/> when all are done).</summary>
    public static async Task<FullSyncState> RunPageAsync(TaskOrchestrationContext context, FullSyncState state, SyncOptions options)
    {
        var storage = TaskOptions.FromRetryPolicy(options.StorageRetry);
        var retry = options.PlatformTaskOptions();
        var pull = state.Pull;
        if (pull is null)
        {
            var now = new DateTimeOffset(context.CurrentUtcDateTime, TimeSpan.Zero);
            var starts = await context.CallActivityAsync<IReadOnlyList<PullPlatformStart>>(nameof(StartPullActivity), state.Request, storage);
            var totals = await Task.WhenAll(starts.Select(s => CountAsync(context, new PullCountRequest(s.Platform, state.Request, s.Cursor, now), retry)));
            pull = new PullState
            {
                StartedAt = now, Until = now,
                PerPlatform = starts.Zip(totals).ToDictionary(p => p.First.Platform, p => new PullPlatformProgress { Cursor = p.First.Cursor, Total = p.Second }),
                Errors = starts.Count == 0 ? ["No platform of the request can be pulled from (no listing reader)."] : [],
                Completed = starts.Count == 0,
            };
        }

        // Each execution starts with an empty custom status: publish the checkpoint at once so progress never reads as reset.
        context.SetCustomStatus(state with { Pull = pull with { Changes = [] }, Changes = [] });
        if (pull.Completed)
        {
            return state with { Pull = pull };
        }

        var open = pull.PerPlatform.Where(p => !p.Value.Done).ToList();
        var pages = await Task.WhenAll(open.Select(p => PageAsync(context, new PullPageRequest(p.Key, state.Request, p.Value.Cursor, pull.Until,
            AdvanceCursor: !state.Request.DryRun && state.Request.Scope != SyncScope.Selective && !p.Value.CursorHeld), retry)));
        var perPlatform = new Dictionary<Platform, PullPlatformProgress>(pull.PerPlatform);
        var errors = pull.Errors.ToList();
        var reported = pull.Changes.ToList();
        var changeCount = pull.ChangeCount;
        foreach (var (platform, page, error) in pages)
        {
            var p = perPlatform[platform];
            if (error is not null)
            {
                perPlatform[platform] = p with { Done = true, CursorHeld = true, Error = error };
                errors.Add($"{platform.ToWire()}: {error}");
                continue;
            }

            perPlatform[platform] = p with
            {
                Read = p.Read + page!.Read,
                Applied = p.Applied + page.Changes.Count(c => c.Outcome is "APPLIED" or "WOULD_APPLY"),
                Review = p.Review + page.Changes.Count(c => c.Outcome is "REVIEW" or "WOULD_REVIEW"),
                Rejected = p.Rejected + page.Changes.Count(c => c.Outcome is "REJECTED" or "WOULD_REJECT"),
                Recorded = p.Recorded + page.Changes.Count(c => c.Kind is "LINK" or "STATUS" or "MISSING"),
                Extra = p.Extra + page.Changes.Count(c => c.Kind == "EXTRA"),
                Failed = p.Failed + page.Failed,
                Cursor = page.Next ?? p.Cursor,
                Done = page.Next is null,
                CursorHeld = p.CursorHeld || page.Failed > 0,
            };
            errors.AddRange(page.Errors.Take(Math.Max(0, 100 - errors.Count)));
            reported.AddRange(page.Changes.Take(Math.Max(0, MaxReportedChanges - reported.Count)));
            changeCount += page.Changes.Count;
        }

        if (state.Request.Scope == SyncScope.All && perPlatform.Values.All(p => p.Done))
        {
            // Listings the catalog has live that no page showed: gone from the platform?
            var checks = await Task.WhenAll(perPlatform.Where(p => p.Value.Error is null)
                .Select(p => MissingAsync(context, new PullMissingRequest(p.Key, pull.StartedAt, state.Request.DryRun), retry)));
            foreach (var (platform, missing, error) in checks)
            {
                if (error is not null)
                {
                    errors.Add($"{platform.ToWire()}: missing listings not checked: {error}");
                    continue;
                }

                perPlatform[platform] = perPlatform[platform] with { Recorded = perPlatform[platform].Recorded + missing!.Count };
                reported.AddRange(missing.Take(Math.Max(0, MaxReportedChanges - reported.Count)));
                changeCount += missing.Count;
            }
        }

        var done = perPlatform.Values.Sum(p => p.Read);
        var total = perPlatform.Values.All(p => p.Total is not null) ? perPlatform.Values.Sum(p => p.Total!.Value) : (int?)null;
        var elapsed = context.CurrentUtcDateTime - pull.StartedAt.UtcDateTime;
        pull = pull with
        {
            PerPlatform = perPlatform,
            Pages = pull.Pages + 1,
            ChangeCount = changeCount,
            Changes = reported,
            Errors = errors,
            EtaUtc = done > 0 && total > done ? context.CurrentUtcDateTime + (elapsed / done * (total.Value - done)) : null,
            Completed = perPlatform.Values.All(p => p.Done),
        };
        return state with { Pull = pull };
    }

    private static async Task<int?> CountAsync(TaskOrchestrationContext context, PullCountRequest request, TaskOptions retry)
    {
        try
        {
            return await context.CallActivityAsync<int>(nameof(CountRemoteActivity), request, retry);
        }
        catch (TaskFailedException)
        {
            // The total only feeds progress and ETA; the pages report the platform's failure themselves.
            return null;
        }
    }

    private static async Task<(Platform Platform, IReadOnlyList<PullChange>? Missing, string? Error)> MissingAsync(TaskOrchestrationContext context, PullMissingRequest request, TaskOptions retry)
    {
        try
        {
            return (request.Platform, await context.CallActivityAsync<IReadOnlyList<PullChange>>(nameof(FindMissingActivity), request, retry), null);
        }
        catch (TaskFailedException ex)
        {
            return (request.Platform, null, ex.FailureDetails.ErrorMessage);
        }
    }

    private static async Task<(Platform Platform, PullPageResult? Page, string? Error)> PageAsync(TaskOrchestrationContext context, PullPageRequest request, TaskOptions retry)
    {
        try
        {
            return (request.Platform, await context.CallActivityAsync<PullPageResult>(nameof(PullPageActivity), request, retry), null);
        }
        catch (TaskFailedException ex)
        {
            return (request.Platform, null, ex.FailureDetails.ErrorMessage);
        }
    }
}
