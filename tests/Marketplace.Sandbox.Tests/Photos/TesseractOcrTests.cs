using Marketplace.Shared.Ocr;
using Marketplace.Shared.Photos;
using Marketplace.TestSupport.Photos;
using Shouldly;
using Xunit;

namespace Marketplace.Sandbox.Tests.Photos;

/// <summary>Tesseract (with ImageMagick cleaning) reads generated label and run-out photos: rotated, noisy, on textured backgrounds.</summary>
[Trait("Category", "Integration")]
public sealed class TesseractOcrTests
{
    private readonly TesseractOcrReader _reader = new(new TesseractOptions());

    [Theory]
    [InlineData(3, 4.0)]
    [InlineData(8, -5.0)]
    public async Task LabelPhoto_RotatedAndNoisy_IsReadWellEnoughToFindTheCatalogNumber(int index, double rotation)
    {
        var release = SyntheticReleases.Create(index);
        var image = await PhotoImages.RenderAsync(PhotoStyle.Label, SyntheticReleases.LabelLines(release), seed: index, rotation);

        var result = await _reader.ReadAsync(image, "image/jpeg");

        result.Engine.ShouldBe("tesseract");
        result.Lines.ShouldAllBe(l => l.Confidence >= 0 && l.Confidence <= 1);
        var clues = PhotoClueExtractor.Extract(new PhotoHints(), [new PhotoText("label", "x", result.Engine, [.. result.Lines.Select(l => new PhotoTextLine(l.Text, l.Confidence))])]);
        clues.CatalogNumbers.Select(PhotoClueExtractor.Fold).ShouldContain(PhotoClueExtractor.Fold(release["labels"]![0]!["catno"]!.GetValue<string>()), result.Text);
        PhotoClueExtractor.Compact(result.Text).ShouldContain(PhotoClueExtractor.Compact(release["labels"]![0]!["name"]!.GetValue<string>()), Case.Sensitive, result.Text);
    }

    [Fact]
    public async Task RunoutPhoto_LightEtchingOnDarkVinyl_IsReadCloseToTheMatrix()
    {
        var release = SyntheticReleases.Create(5);
        var matrix = SyntheticReleases.RunoutLines(release)[0];
        var image = await PhotoImages.RenderAsync(PhotoStyle.Runout, [matrix], seed: 11, rotateDegrees: -3);

        var result = await _reader.ReadAsync(image, "image/jpeg");

        result.Lines.Max(l => ReleaseScorer.Similarity(l.Text, matrix)).ShouldBeGreaterThan(0.8, result.Text);
    }

    [Fact]
    public async Task MissingTesseract_IsOcrUnavailable()
    {
        var reader = new TesseractOcrReader(new TesseractOptions { Command = "tesseract-not-installed-here", Preprocess = false });

        await Should.ThrowAsync<OcrUnavailableException>(() => reader.ReadAsync(new byte[] { 0xFF, 0xD8, 0xFF }, "image/jpeg"));
    }

    [Fact]
    public async Task NotAnImage_IsOcrFailed()
    {
        await Should.ThrowAsync<OcrFailedException>(() => new TesseractOcrReader(new TesseractOptions { Preprocess = false }).ReadAsync("not an image"u8.ToArray(), "image/jpeg"));
    }
}
