using Marketplace.Shared.Discogs;

namespace Marketplace.Shared.Photos;

/// <summary>
/// Scores how well a Discogs release explains a batch's clues (0-100), strongest evidence first: barcode exact (100) &gt;
/// catalog number plus label (40 + 20) &gt; run-out/matrix similarity (up to 55) &gt; artist/title (up to 25). Pure.
/// </summary>
public static class ReleaseScorer
{
    /// <summary>The score and the reasons behind it.</summary>
    public static ReleaseCandidate Score(DiscogsRelease release, PhotoClues clues)
    {
        ArgumentNullException.ThrowIfNull(release);
        ArgumentNullException.ThrowIfNull(clues);
        var reasons = new List<string>();
        var score = 0d;
        var barcodes = release.IdentifiersOf("Barcode").Select(PhotoClueExtractor.Digits).Where(d => d.Length > 0).ToHashSet();
        if (clues.Barcodes.FirstOrDefault(barcodes.Contains) is { } barcode)
        {
            score += 100;
            reasons.Add($"barcode {barcode}");
        }

        var catnos = release.Labels.Select(l => PhotoClueExtractor.Fold(l.Catno)).Where(c => c.Length > 0).ToHashSet();
        if (clues.CatalogNumbers.FirstOrDefault(c => catnos.Contains(PhotoClueExtractor.Fold(c))) is { } catno)
        {
            score += 40;
            reasons.Add($"catalog number {catno}");
            var printed = PhotoClueExtractor.Compact(string.Join(' ', clues.LabelText, clues.CoverText, string.Join(' ', clues.LabelNames)));
            if (release.Labels.FirstOrDefault(l => PhotoClueExtractor.Compact(LabelName(l.Name)) is { Length: >= 3 } name && printed.Contains(name, StringComparison.Ordinal)) is { } label)
            {
                score += 20;
                reasons.Add($"label {label.Name}");
            }
        }

        var matrix = release.IdentifiersOf("Matrix / Runout")
            .Select(m => (Value: m, Similarity: clues.MatrixLines.Count == 0 ? 0 : clues.MatrixLines.Append(string.Join(' ', clues.MatrixLines)).Max(l => Similarity(m, l))))
            .OrderByDescending(m => m.Similarity).FirstOrDefault();
        if (matrix.Similarity >= 0.6)
        {
            score += 55 * matrix.Similarity;
            reasons.Add($"run-out '{matrix.Value}' {matrix.Similarity:P0} alike");
        }

        var text = new[] { clues.Artist is null ? (double?)null : Similarity(release.ArtistName, clues.Artist), clues.Title is null ? null : Similarity(release.Title, clues.Title) }
            .OfType<double>().ToList();
        if (text.Count > 0 && text.Average() >= 0.5)
        {
            score += 25 * text.Average();
            reasons.Add($"artist/title {text.Average():P0} alike");
        }

        var first = release.Labels.FirstOrDefault();
        return new ReleaseCandidate(release.Id, release.Title, release.ArtistName, first?.Name, first?.Catno, release.Year is > 0 ? release.Year : null, Math.Round(Math.Min(100, score), 1), reasons);
    }

    /// <summary>
    /// One candidate at or above <paramref name="threshold"/> and at least <paramref name="margin"/> ahead of the next
    /// is a match; anything else (nothing good enough, or two alike) is left to the operator.
    /// </summary>
    public static PhotoDecision Decide(IReadOnlyList<ReleaseCandidate> ranked, double threshold, double margin)
    {
        ArgumentNullException.ThrowIfNull(ranked);
        if (ranked.Count == 0)
        {
            return new PhotoDecision(PhotoDecision.Unmatched, null, "Discogs found no release for the clues.");
        }

        var best = ranked[0];
        if (best.Score < threshold)
        {
            return new PhotoDecision(PhotoDecision.Unmatched, null, $"The best candidate scores {best.Score}, under the threshold {threshold}.");
        }

        return ranked.Count > 1 && best.Score - ranked[1].Score < margin
            ? new PhotoDecision(PhotoDecision.Unmatched, null, $"Releases {best.ReleaseId} and {ranked[1].ReleaseId} score alike ({best.Score}, {ranked[1].Score}).")
            : new PhotoDecision(PhotoDecision.Matched, best.ReleaseId, $"Release {best.ReleaseId} scores {best.Score}: {string.Join(", ", best.Reasons)}.");
    }

    /// <summary>1 minus the edit distance over the longer length, on compacted text (0-1).</summary>
    public static double Similarity(string? a, string? b)
    {
        var x = PhotoClueExtractor.Fold(a);
        var y = PhotoClueExtractor.Fold(b);
        if (x.Length == 0 || y.Length == 0)
        {
            return 0;
        }

        var previous = new int[y.Length + 1];
        var current = new int[y.Length + 1];
        for (var j = 0; j <= y.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= x.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= y.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1));
            }

            (previous, current) = (current, previous);
        }

        return 1d - (double)previous[y.Length] / Math.Max(x.Length, y.Length);
    }

    // Discogs disambiguates duplicate names with " (2)": not printed on the label.
    private static string LabelName(string name) => System.Text.RegularExpressions.Regex.Replace(name, @"\s*\(\d+\)$", string.Empty);
}
