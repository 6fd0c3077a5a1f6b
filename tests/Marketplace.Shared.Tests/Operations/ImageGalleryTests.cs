using Marketplace.Shared.Operations.Images;
using Shouldly;
using Xunit;

namespace Marketplace.Shared.Tests.Operations;

public sealed class ImageGalleryTests
{
    private static readonly string[] Gallery = ["https://blobs.example/img/A-1/01.jpg", "https://blobs.example/img/A-1/02.jpg", "https://blobs.example/img/A-1/03.jpg"];

    [Fact]
    public void Missing_WhenThePlatformKeepsSources_FindsTheGapWhereverItIs()
    {
        var remote = new[] { new RemoteImage("cdn/1", Gallery[0]), new RemoteImage("cdn/3", Gallery[2]) };

        ImageGallery.Missing(Gallery, remote).ShouldBe([Gallery[1]]);
    }

    [Fact]
    public void Missing_MatchesAFileNameTheCdnKept()
    {
        var remote = new[] { new RemoteImage("x", "https://cdn.shopify.example/s/files/1/01.jpg?v=17"), new RemoteImage("y", Gallery[1]) };

        ImageGallery.Missing(Gallery, remote).ShouldBe([Gallery[2]]);
    }

    [Fact]
    public void Missing_WithoutSources_ComparesTheCount()
    {
        var remote = new[] { new RemoteImage("processed/1", null) };

        ImageGallery.Missing(Gallery, remote).ShouldBe([Gallery[1], Gallery[2]]);
        ImageGallery.Missing(Gallery, [.. remote, remote[0], remote[0]]).ShouldBeEmpty();
    }

    [Fact]
    public void Missing_OnAListingWithNoImages_IsTheWholeGallery() =>
        ImageGallery.Missing(Gallery, []).ShouldBe(Gallery);
}
