using Marketplace.Orchestrations.Operations.Images;
using Marketplace.Shared.Catalog;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Marketplace.Orchestrations.Sync.ShippingProfiles;

/// <summary>An audit of one platform's live listings' shipping profiles; with <paramref name="Fix"/>, the drifted ones are re-pushed.</summary>
public sealed record ShippingProfileAuditInput(Platform Platform, bool Fix);

/// <summary>A chunk of SKUs audited in one activity call.</summary>
public sealed record ShippingProfileChunk(Platform Platform, IReadOnlyList<string> Skus);

/// <summary>A chunk of drifted SKUs re-pushed in one activity call, under the run's correlation id.</summary>
public sealed record ShippingProfileFixChunk(Platform Platform, IReadOnlyList<string> Skus, string CorrelationId);

/// <summary>A platform's audit: listings checked, the drift found and, for a fix run, each re-push's outcome.</summary>
public sealed record ShippingProfileAuditReport(Platform Platform, bool Fix, int Checked, IReadOnlyList<ShippingProfileDrift> Drift,
    IReadOnlyList<ShippingProfileFix> Fixes);

/// <summary>
/// The shipping-profile audit of every live listing on one platform, as a durable run (one platform call per listing and
/// shop does not fit one HTTP request on a large catalog): the SKUs of the live listings, in chunks of
/// <see cref="ChunkSize"/> with <see cref="ParallelChunks"/> in flight, progress in the custom status; a fix run then
/// re-pushes the drifted products in chunks. Re-running after a crash re-reads the platforms, so it finds what is left.
/// </summary>
public sealed class ShippingProfileAuditOrchestrator(SyncOptions syncOptions) : TaskOrchestrator<ShippingProfileAuditInput, ShippingProfileAuditReport>
{
    /// <summary>Listings per activity call.</summary>
    public const int ChunkSize = 50;

    /// <summary>Chunks in flight at a time.</summary>
    public const int ParallelChunks = 4;

    public override async Task<ShippingProfileAuditReport> RunAsync(TaskOrchestrationContext context, ShippingProfileAuditInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var skus = await context.CallActivityAsync<IReadOnlyList<string>>(nameof(ListImageCandidatesActivity), input.Platform, TaskOptions.FromRetryPolicy(syncOptions.StorageRetry));
        var retry = syncOptions.PlatformTaskOptions();
        var drift = new List<ShippingProfileDrift>();
        var done = 0;
        foreach (var wave in skus.Chunk(ChunkSize).Chunk(ParallelChunks))
        {
            var found = await Task.WhenAll(wave.Select(chunk =>
                context.CallActivityAsync<IReadOnlyList<ShippingProfileDrift>>(nameof(FindShippingDriftActivity), new ShippingProfileChunk(input.Platform, chunk), retry)));
            drift.AddRange(found.SelectMany(d => d));
            done += wave.Sum(chunk => chunk.Length);
            context.SetCustomStatus(new { phase = "checking", checkedListings = done, total = skus.Count, drifted = drift.Count });
        }

        var fixes = new List<ShippingProfileFix>();
        if (input.Fix)
        {
            var drifted = drift.Select(d => d.Sku).Distinct(StringComparer.Ordinal).ToList();
            foreach (var chunk in drifted.Chunk(ChunkSize))
            {
                // One call at a time: each re-push is a full listing write, paced by the platform's own limits.
                fixes.AddRange(await context.CallActivityAsync<IReadOnlyList<ShippingProfileFix>>(nameof(FixShippingDriftActivity),
                    new ShippingProfileFixChunk(input.Platform, chunk, context.InstanceId), retry));
                context.SetCustomStatus(new { phase = "fixing", fixedListings = fixes.Count, total = drifted.Count });
            }
        }

        return new ShippingProfileAuditReport(input.Platform, input.Fix, skus.Count, drift, fixes);
    }
}

/// <summary>The drifted listings of a chunk of SKUs (<see cref="ShippingProfileAudit.FindDriftAsync(Platform, IReadOnlyList{string}, int, CancellationToken)"/>, eight at a time). Reads the platform.</summary>
public sealed class FindShippingDriftActivity(ShippingProfileAudit audit) : TaskActivity<ShippingProfileChunk, IReadOnlyList<ShippingProfileDrift>>
{
    public override async Task<IReadOnlyList<ShippingProfileDrift>> RunAsync(TaskActivityContext context, ShippingProfileChunk input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return await audit.FindDriftAsync(input.Platform, input.Skus, concurrency: 8);
    }
}

/// <summary>Re-pushes a chunk of drifted SKUs (a failure is in the output, not thrown; a retried call pushes again, which is idempotent).</summary>
public sealed class FixShippingDriftActivity(ShippingProfileAudit audit) : TaskActivity<ShippingProfileFixChunk, IReadOnlyList<ShippingProfileFix>>
{
    public override async Task<IReadOnlyList<ShippingProfileFix>> RunAsync(TaskActivityContext context, ShippingProfileFixChunk input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return await audit.FixAsync(input.Platform, input.Skus, input.CorrelationId);
    }
}

/// <summary>Starts <see cref="ShippingProfileAuditOrchestrator"/> runs.</summary>
public sealed class ShippingProfileAuditStarter(DurableTaskClient client, SyncConnectors connectors, TimeProvider time)
{
    /// <summary>The platforms whose connector reads shipping profiles.</summary>
    public IReadOnlyList<Platform> Platforms => [.. connectors.Platforms.Where(p => connectors.Get(p) is Shared.Marketplaces.IShippingProfileReader)];

    /// <summary>Starts an audit (a fix run with <paramref name="fix"/>) of <paramref name="platform"/>; returns the instance id.</summary>
    public Task<string> StartAsync(Platform platform, bool fix, CancellationToken cancellationToken = default)
    {
        var stamp = time.GetUtcNow().ToString("yyyyMMddHHmmssfff", System.Globalization.CultureInfo.InvariantCulture);
        var id = $"shipping-{platform.ToWire()}-{(fix ? "fix" : "check")}-{stamp}-{Guid.NewGuid().ToString("N")[..6]}";
        return client.ScheduleNewOrchestrationInstanceAsync(nameof(ShippingProfileAuditOrchestrator), new ShippingProfileAuditInput(platform, fix),
            new StartOrchestrationOptions(id), cancellationToken);
    }
}
