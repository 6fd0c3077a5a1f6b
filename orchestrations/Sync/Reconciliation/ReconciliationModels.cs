using Marketplace.Shared.Catalog;

namespace Marketplace.Orchestrations.Sync.Reconciliation;

/// <summary>Input of a reconciliation run: each platform's cursor (orders are pulled from it, with an overlap).</summary>
public sealed record ReconciliationInput(IReadOnlyDictionary<Platform, DateTime> Cursors, string Reason);

/// <summary>One platform's pass.</summary>
/// <param name="Platform">The platform.</param>
/// <param name="Since">Orders from here (the previous run's start, minus an overlap).</param>
/// <param name="Until">This run's start: listings the platform changed later are left to the next run.</param>
public sealed record PlatformReconciliationRequest(Platform Platform, DateTime Since, DateTime? Until = null);

/// <summary>A listing whose platform state differs from the catalog, and what was done about it.</summary>
public sealed record ListingDrift(string Sku, Platform Platform, string Kind, string Detail, string Resolution);

/// <summary>One platform's outcome: sales found and started, drift found.</summary>
public sealed record PlatformReconciliation(Platform Platform, int SalesStarted, IReadOnlyList<ListingDrift> Drift, string? Error);

/// <summary>The run's output; <see cref="Cursors"/> are where the next run starts.</summary>
public sealed record ReconciliationResult(IReadOnlyDictionary<Platform, DateTime> Cursors, IReadOnlyList<PlatformReconciliation> Platforms);
