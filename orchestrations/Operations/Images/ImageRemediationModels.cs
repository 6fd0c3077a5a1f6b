using Marketplace.Shared.Catalog;

namespace Marketplace.Orchestrations.Operations.Images;

/// <summary>A check of one platform's listing images: one SKU, or every live listing when <paramref name="Sku"/> is null; a dry run changes nothing.</summary>
public sealed record ImageRemediationInput(Platform Platform, string? Sku, bool DryRun);

/// <summary>A chunk of SKUs checked (and repaired unless <paramref name="DryRun"/>) in one activity call.</summary>
public sealed record ImageCheckChunk(Platform Platform, IReadOnlyList<string> Skus, bool DryRun);

/// <summary>What a check found for one listing.</summary>
public static class ImageCheckOutcomes
{
    public const string Ok = "ok";
    public const string Fixed = "fixed";
    public const string WouldFix = "would-fix";
    public const string NotListed = "not-listed";
    public const string Failed = "failed";
}

/// <summary>
/// One listing's check: the catalog gallery size, images the platform shows, the gallery URLs it lacks, gallery blobs
/// missing from Blob storage (never sent: there is nothing to re-upload), the <see cref="ImageCheckOutcomes"/> word, and the
/// shop (Reverb account key) of a listing in several shops, each checked apart; null for a listing in one shop.
/// </summary>
public sealed record ImageCheckResult(string Sku, Platform Platform, string Outcome, int Expected, int Found, IReadOnlyList<string> Missing,
    IReadOnlyList<string> MissingBlobs, string? Error = null, string? Shop = null);

/// <summary>A platform's run: counts by outcome and every listing that was not already right.</summary>
public sealed record ImageRemediationReport(Platform Platform, bool DryRun, int Checked, int Ok, int Fixed, int WouldFix, int NotListed, int Failed,
    IReadOnlyList<ImageCheckResult> Findings);
