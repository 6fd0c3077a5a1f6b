using Marketplace.Orchestrations.Sync.Products;

namespace Marketplace.Orchestrations.VintageAndRare;

/// <summary>
/// <see cref="VintageAndRareListingOrchestrator"/>'s input. <paramref name="GiveUpAt"/> is null until the push is done;
/// from then on each generation (ContinueAsNew) is one moderation check, <paramref name="Checks"/> counting them. A request
/// that comes with its <paramref name="Push"/> done starts at the follow-up. <paramref name="FollowUpApart"/> (a full sync's
/// sub-orchestration) hands the follow-up to an instance of its own after the push, so the caller waits for the push only.
/// </summary>
public sealed record VintageAndRareListingRequest(string Sku, ListingAction Action, DateTime? GiveUpAt = null, int Checks = 0, ListingPushOutcome? Push = null,
    bool FollowUpApart = false);

/// <summary>
/// One status check of a listing on Vintage &amp; Rare (<see cref="CheckVintageAndRareStatusActivity"/>);
/// <paramref name="GaveUpAfter"/> is set on the last check: a listing still PENDING then is flagged for review.
/// </summary>
public sealed record VintageAndRareStatusCheck(string Sku, TimeSpan? GaveUpAfter = null);

/// <summary>
/// The orchestration's custom status while it runs, and its output: where the listing stands. <c>Phase</c> is push,
/// moderation (waiting for V&amp;R to review a PENDING listing), done, flagged (still PENDING at the deadline), failed, or
/// follow-up (pushed; the moderation follow-up runs as <see cref="StartVintageAndRareFollowUpActivity.InstanceIdFor"/>);
/// <c>Status</c> the listing's status on V&amp;R as last read (null when not found); <c>Push</c> the push's outcome.
/// </summary>
public sealed record VintageAndRareListingProgress(string Sku, string Phase, string? Status, int Checks, DateTime? GiveUpAt, ListingPushOutcome? Push);

/// <summary>Timing of the moderation follow-up (section <c>VintageAndRare:Workflow</c>); deterministic, read by the orchestrator.</summary>
public sealed class VintageAndRareWorkflowOptions
{
    public const string SectionName = "VintageAndRare:Workflow";

    /// <summary>Time between two checks of a PENDING listing.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long a listing may stay PENDING before it is flagged.</summary>
    public TimeSpan PendingTimeout { get; set; } = TimeSpan.FromHours(48);
}
