using Marketplace.Shared.Photos;
using Microsoft.DurableTask;

namespace Marketplace.Orchestrations.Photos;

/// <summary>Finds the clues in the hints and text, searches Discogs and returns the scored releases, best first. Reads only.</summary>
public sealed class MatchPhotoBatchActivity(PhotoMatcher matcher) : TaskActivity<PhotoMatchRequest, IReadOnlyList<ReleaseCandidate>>
{
    public override Task<IReadOnlyList<ReleaseCandidate>> RunAsync(TaskActivityContext context, PhotoMatchRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return matcher.FindCandidatesAsync(PhotoClueExtractor.Extract(input.Hints, input.Texts), CancellationToken.None);
    }
}
