using System.Text.Json.Nodes;

namespace Marketplace.Sandbox.Reverb;

public sealed partial class ReverbSandboxState
{
    /// <summary>Buyers viewed and watched the listing (its <c>stats</c> object: <c>views</c>, <c>watches</c>).</summary>
    public void SetStats(long id, int views, int watches)
    {
        lock (_gate)
        {
            _listings[id]["stats"] = new JsonObject { ["views"] = views, ["watches"] = watches };
        }
    }

    /// <summary>Moves the listing's <c>published_at</c> (tests of listing age).</summary>
    public void SetPublishedAt(long id, DateTimeOffset publishedAt)
    {
        lock (_gate)
        {
            _listings[id]["published_at"] = Iso(publishedAt);
        }
    }
}
