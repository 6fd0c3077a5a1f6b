using System.Text.Json.Serialization;

namespace Marketplace.Shared.Photos;

/// <summary>What the shop knows about the record beside its photos (all optional); hints win over what OCR reads.</summary>
public sealed record PhotoHints
{
    public string? Artist { get; init; }

    public string? Title { get; init; }

    public string? CatalogNumber { get; init; }

    public string? Barcode { get; init; }

    /// <summary>Canonical condition (<c>MINT</c>, <c>EXCELLENT</c>, <c>VERY_GOOD</c>, ...).</summary>
    public string? Condition { get; init; }

    public decimal? Price { get; init; }

    public string? Currency { get; init; }
}

/// <summary>One photo of a batch: its role (<c>cover</c>, <c>label</c>, <c>runout</c>), its blob name in the photo container and its type.</summary>
public sealed record PhotoImage(string Role, string Blob, string ContentType, long Bytes);

/// <summary>A batch as uploaded: up to three photos and the hints. Stored as <c>{batchId}/batch.json</c> beside the photos.</summary>
public sealed record PhotoBatchManifest(string BatchId, IReadOnlyList<PhotoImage> Images, PhotoHints Hints, DateTimeOffset UploadedAt);

/// <summary>What OCR read from one photo; <see cref="Error"/> says why nothing was read (OCR unavailable or failed).</summary>
public sealed record PhotoText(string Role, string Blob, string? Engine, IReadOnlyList<PhotoTextLine> Lines, string? Error = null)
{
    [JsonIgnore]
    public string Text => string.Join('\n', Lines.Select(l => l.Text));
}

/// <summary>A line of OCR text with its confidence (0-1).</summary>
public sealed record PhotoTextLine(string Text, double Confidence);

/// <summary>The search keys found in the hints and the OCR text.</summary>
public sealed record PhotoClues(
    IReadOnlyList<string> Barcodes,
    IReadOnlyList<string> CatalogNumbers,
    IReadOnlyList<string> LabelNames,
    IReadOnlyList<string> MatrixLines,
    string? Artist,
    string? Title,
    string LabelText,
    string CoverText);

/// <summary>A Discogs release that might be the photographed record, with its score (0-100) and why.</summary>
public sealed record ReleaseCandidate(long ReleaseId, string Title, string Artist, string? Label, string? CatalogNumber, int? Year, double Score, IReadOnlyList<string> Reasons);

/// <summary>How a batch ended: <c>MATCHED</c> to one release, or <c>UNMATCHED</c> with its top candidates.</summary>
public sealed record PhotoDecision(string Outcome, long? ReleaseId, string Reason)
{
    public const string Matched = "MATCHED";

    public const string Unmatched = "UNMATCHED";
}

/// <summary>The draft made from a batch: the product's SKU and the change set that publishes it once approved.</summary>
public sealed record PhotoDraft(string Sku, string? ChangeSetId, long ReleaseId, bool Created);

/// <summary>
/// A batch's state for the status route: stage (<c>RECEIVED</c>, <c>READING</c>, <c>MATCHING</c>, <c>UNMATCHED</c>,
/// <c>DRAFTED</c>, <c>FAILED</c>), images, OCR text per image, candidates with scores, the decision and the draft.
/// </summary>
public sealed record PhotoBatchRecord
{
    public required string BatchId { get; init; }

    public required string Stage { get; init; }

    public IReadOnlyList<PhotoImage> Images { get; init; } = [];

    public PhotoHints Hints { get; init; } = new();

    public IReadOnlyList<PhotoText> Texts { get; init; } = [];

    public IReadOnlyList<ReleaseCandidate> Candidates { get; init; } = [];

    public PhotoDecision? Decision { get; init; }

    public PhotoDraft? Draft { get; init; }

    public string? Error { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }
}
