using Marketplace.Shared.Catalog;

namespace Marketplace.Orchestrations.Operations.Stats;

/// <summary>
/// A pull of the platform stats. <paramref name="Eternal"/>: the daily pull, which waits <see cref="PlatformStatsOptions.Interval"/>
/// and continues as new with <paramref name="Generation"/> + 1 and the pull's report as <paramref name="Last"/>.
/// </summary>
public sealed record PlatformStatsRun(bool Eternal = false, int Generation = 0, PlatformStatsReport? Last = null);

/// <summary>The live listings of one platform whose stats one activity call reads at <paramref name="Now"/>.</summary>
public sealed record StatsChunk(Platform Platform, IReadOnlyList<string> Skus, DateTimeOffset Now);

/// <summary>One platform's pull: live listings and how many of them the platform reported stats for.</summary>
public sealed record PlatformStatsCount(Platform Platform, int Listings, int Pulled);

/// <summary>A pull's report; <paramref name="Unsupported"/> lists the connected platforms whose API has no listing stats (Shopify).</summary>
public sealed record PlatformStatsReport(DateTimeOffset RanAt, IReadOnlyList<PlatformStatsCount> Platforms, IReadOnlyList<Platform> Unsupported);

/// <summary>The daily pull's custom status: <c>running</c> or <c>waiting</c> (until <paramref name="NextRunAt"/>), and the last report.</summary>
public sealed record PlatformStatsStatus(string Phase, int Generation, DateTimeOffset? NextRunAt, PlatformStatsReport? Last);
