using Marketplace.Shared.Photos;

namespace Marketplace.Orchestrations.Photos;

/// <summary>Input of <see cref="PhotoMatchOrchestrator"/>: the batch, and whether to wait for more photos first (dropped straight into the container).</summary>
public sealed record PhotoMatchInput(string BatchId, bool Settle = false);

/// <summary>One photo to read.</summary>
public sealed record PhotoTextRequest(string BatchId, PhotoImage Image);

/// <summary>What matching works from: the hints and the text read from each photo.</summary>
public sealed record PhotoMatchRequest(string BatchId, PhotoHints Hints, IReadOnlyList<PhotoText> Texts);

/// <summary>Make the draft of a batch from this release.</summary>
public sealed record PhotoDraftRequest(string BatchId, long ReleaseId);

/// <summary>Save a batch's state and write <see cref="Action"/> to the audit trail.</summary>
public sealed record PhotoRecordRequest(PhotoBatchRecord Record, string Action, string Detail, bool Failure = false);

/// <summary>The operator's answer for an unmatched batch: the release to make the draft from (event <see cref="PhotoMatchOrchestrator.ResolveEvent"/>).</summary>
public sealed record PhotoResolution(long ReleaseId, string? By = null);

/// <summary>Custom status while the batch is processed.</summary>
public sealed record PhotoMatchProgress(string Stage, int Images, int Candidates, string? Sku);

/// <summary>How the batch ended.</summary>
public sealed record PhotoMatchResult(string BatchId, string Stage, PhotoDecision? Decision, PhotoDraft? Draft, string? Error = null);
