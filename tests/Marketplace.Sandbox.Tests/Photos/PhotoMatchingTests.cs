using System.Text.Json;
using Marketplace.Shared.Discogs;
using Marketplace.Shared.Photos;
using Shouldly;
using Xunit;

namespace Marketplace.Sandbox.Tests.Photos;

/// <summary>Clue extraction and release scoring on the published release fixtures (pure, no OCR).</summary>
public sealed class PhotoMatchingTests
{
    private static DiscogsRelease Fixture(int id)
    {
        using var stream = typeof(Marketplace.Sandbox.Discogs.DiscogsSandboxState).Assembly.GetManifestResourceStream($"Marketplace.Sandbox.Discogs.Fixtures.release_{id}.json")!;
        return JsonSerializer.Deserialize<DiscogsRelease>(stream, DiscogsClient.JsonOptions)!;
    }

    private static PhotoText Text(string role, params string[] lines) => new(role, role + ".jpg", "test", [.. lines.Select(l => new PhotoTextLine(l, 0.9))]);

    [Theory]
    [InlineData("074646362822", true)]
    [InlineData("074646362823", false)]
    [InlineData("5012345678900", true)]
    [InlineData("12345", false)]
    public void Gtin_CheckDigitIsVerified(string digits, bool valid) => PhotoClueExtractor.IsValidGtin(digits).ShouldBe(valid);

    [Fact]
    public void Extract_FindsBarcodeCatalogNumberLabelAndRunout()
    {
        var clues = PhotoClueExtractor.Extract(new PhotoHints { Artist = "Josh Wink" },
            [Text("label", "RUFFHOUSE RECORDS", "CK 63628", "0 74646 36282 2"), Text("runout", "MPO SK026-A -J.T.S.-"), Text("cover", "noise 7")]);

        clues.Barcodes.ShouldBe(["074646362822"]);
        clues.CatalogNumbers.ShouldContain("CK 63628");
        clues.LabelNames.ShouldBe(["RUFFHOUSE RECORDS"]);
        clues.MatrixLines.ShouldBe(["MPO SK026-A -J.T.S.-"]);
        clues.Artist.ShouldBe("Josh Wink");
    }

    [Fact]
    public void Score_BarcodeBeatsCatalogNumberBeatsRunoutBeatsText()
    {
        var release3 = Fixture(3);
        var release2 = Fixture(2);
        var barcode = ReleaseScorer.Score(release3, PhotoClueExtractor.Extract(new PhotoHints(), [Text("label", "0 74646 36282 2")]));
        var catnoAndLabel = ReleaseScorer.Score(release3, PhotoClueExtractor.Extract(new PhotoHints(), [Text("label", "Ruffhouse Records", "CK 63628")]));
        var runout = ReleaseScorer.Score(release2, PhotoClueExtractor.Extract(new PhotoHints(), [Text("runout", "MPO SKO26-A J.T.S")]));
        var text = ReleaseScorer.Score(release3, PhotoClueExtractor.Extract(new PhotoHints { Artist = "Josh Wink", Title = "Profound Sounds Vol 1" }, []));

        barcode.Score.ShouldBe(100);
        catnoAndLabel.Score.ShouldBe(60);
        runout.Score.ShouldBeInRange(45, 55);
        text.Score.ShouldBeInRange(20, 25);
        ReleaseScorer.Score(release2, PhotoClueExtractor.Extract(new PhotoHints(), [Text("label", "0 74646 36282 2")])).Score.ShouldBe(0);
    }

    [Fact]
    public void Decide_NeedsTheThresholdAndALead()
    {
        static ReleaseCandidate C(long id, double score) => new(id, "t", "a", null, null, null, score, []);

        ReleaseScorer.Decide([C(1, 60), C(2, 20)], 50, 10).ReleaseId.ShouldBe(1);
        ReleaseScorer.Decide([C(1, 45)], 50, 10).Outcome.ShouldBe(PhotoDecision.Unmatched);
        ReleaseScorer.Decide([C(1, 60), C(2, 55)], 50, 10).Outcome.ShouldBe(PhotoDecision.Unmatched);
        ReleaseScorer.Decide([], 50, 10).Outcome.ShouldBe(PhotoDecision.Unmatched);
    }
}
