using Marketplace.Shared.Discogs;

namespace Marketplace.Shared.Photos;

/// <summary>
/// Searches Discogs for a batch's clues (barcode, catalog number, run-out text as a query, artist and title) and scores
/// the releases found, best first. Reads only, so a retried call is harmless.
/// </summary>
public sealed class PhotoMatcher(DiscogsClient client, PhotoOptions options)
{
    /// <summary>The scored candidates, best first, at most <see cref="PhotoOptions.MaxCandidates"/>.</summary>
    public async Task<IReadOnlyList<ReleaseCandidate>> FindCandidatesAsync(PhotoClues clues, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(clues);
        var ids = new List<long>();
        foreach (var query in Queries(clues))
        {
            var page = await client.SearchAsync(query, 1, cancellationToken);
            foreach (var result in page.Results.Where(r => r.Type == "release").Take(options.MaxCandidates))
            {
                if (!ids.Contains(result.Id))
                {
                    ids.Add(result.Id);
                }
            }

            // A barcode hit is as good as it gets: no need to spend rate limit on weaker searches.
            if (query.Barcode is not null && page.Results.Count > 0)
            {
                break;
            }
        }

        var candidates = new List<ReleaseCandidate>();
        foreach (var id in ids.Take(options.MaxCandidates))
        {
            if (await client.GetReleaseAsync(id, cancellationToken) is { } release)
            {
                candidates.Add(ReleaseScorer.Score(release, clues));
            }
        }

        return [.. candidates.OrderByDescending(c => c.Score).ThenBy(c => c.ReleaseId)];
    }

    private static IEnumerable<DiscogsSearchQuery> Queries(PhotoClues clues)
    {
        foreach (var barcode in clues.Barcodes.Take(2))
        {
            yield return new DiscogsSearchQuery { Barcode = barcode };
        }

        foreach (var catno in clues.CatalogNumbers.Take(2))
        {
            yield return new DiscogsSearchQuery { CatalogNumber = catno };
        }

        if (clues.MatrixLines.Count > 0)
        {
            yield return new DiscogsSearchQuery { Query = string.Join(' ', clues.MatrixLines) };
        }

        if (clues.Artist is not null || clues.Title is not null)
        {
            yield return new DiscogsSearchQuery { Artist = clues.Artist, ReleaseTitle = clues.Title };
        }
    }
}
