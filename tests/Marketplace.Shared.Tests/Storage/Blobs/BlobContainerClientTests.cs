using Azure;
using Marketplace.Shared.Storage;
using Marketplace.Shared.Storage.Blobs;
using Marketplace.TestSupport;
using Shouldly;
using Xunit;

namespace Marketplace.Shared.Tests.Storage.Blobs;

[Trait("Category", "Integration")]
public sealed class BlobContainerClientTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private BlobContainerClient NewContainer() =>
        new BlobServiceClient(azurite.Account).GetBlobContainerClient(AzuriteFixture.UniqueName("c"));

    [Fact]
    public async Task CreateIfNotExists_CreatesOnceThenReportsExisting()
    {
        var container = NewContainer();

        (await container.ExistsAsync()).ShouldBeFalse();
        (await container.CreateIfNotExistsAsync()).ShouldBeTrue();
        (await container.CreateIfNotExistsAsync()).ShouldBeFalse();
        (await container.ExistsAsync()).ShouldBeTrue();
    }

    [Fact]
    public async Task Create_WhenExists_Fails409WithErrorCode()
    {
        var container = NewContainer();
        await container.CreateAsync();

        var ex = await Should.ThrowAsync<RequestFailedException>(() => container.CreateAsync());

        ex.IsConflict().ShouldBeTrue();
        ex.ErrorCode.ShouldBe(BlobErrorCode.ContainerAlreadyExists);
    }

    [Fact]
    public async Task DeleteIfExists_DeletesOnceThenReportsMissing()
    {
        var container = NewContainer();
        await container.CreateAsync();

        (await container.DeleteIfExistsAsync()).ShouldBeTrue();
        (await container.DeleteIfExistsAsync()).ShouldBeFalse();
        (await container.ExistsAsync()).ShouldBeFalse();
    }

    [Fact]
    public async Task UploadBlob_IsCreateOnly()
    {
        var container = NewContainer();
        await container.CreateAsync();
        await container.UploadBlobAsync("once.txt", BinaryData.FromString("first"));

        var ex = await Should.ThrowAsync<RequestFailedException>(() => container.UploadBlobAsync("once.txt", BinaryData.FromString("second")));

        ex.IsConflict().ShouldBeTrue();
        ex.ErrorCode.ShouldBe(BlobErrorCode.BlobAlreadyExists);
        (await container.GetBlobClient("once.txt").DownloadContentAsync()).Content.ToString().ShouldBe("first");
    }

    [Fact]
    public async Task UploadBlob_IntoMissingContainer_Fails404ContainerNotFound()
    {
        var container = NewContainer();

        var ex = await Should.ThrowAsync<RequestFailedException>(() => container.UploadBlobAsync("x", BinaryData.FromString("x")));

        ex.IsNotFound().ShouldBeTrue();
        ex.ErrorCode.ShouldBe(BlobErrorCode.ContainerNotFound);
    }

    [Fact]
    public async Task GetBlobs_WithPrefixAndSmallPages_ReturnsEveryMatchInNameOrderWithProperties()
    {
        var container = NewContainer();
        await container.CreateAsync();
        var expected = Enumerable.Range(0, 11).Select(i => $"photos/2026/{i:D2}.jpg").ToList();
        var uploads = expected.Select(name => container.GetBlobClient(name).UploadAsync(BinaryData.FromString(name), new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = "image/jpeg" },
            Metadata = new Dictionary<string, string> { ["source"] = "test" },
        }));
        await Task.WhenAll(uploads.Append(container.UploadBlobAsync("photos-other.jpg", BinaryData.FromString("x")))
            .Append(container.UploadBlobAsync("docs/readme.txt", BinaryData.FromString("x"))));

        var items = new List<BlobItem>();
        await foreach (var item in container.GetBlobsAsync("photos/", pageSize: 3))
        {
            items.Add(item);
        }

        items.Select(i => i.Name).ShouldBe(expected);
        items.ShouldAllBe(i => i.Properties.ContentType == "image/jpeg" && i.Metadata["source"] == "test");
        items[0].Properties.ContentLength.ShouldBe(expected[0].Length);
        items[0].Properties.ETag.ShouldBe((await container.GetBlobClient(expected[0]).GetPropertiesAsync()).ETag);
    }

    [Fact]
    public async Task GetBlobs_WithoutPrefix_ListsAllAndEmptyContainerListsNothing()
    {
        var container = NewContainer();
        await container.CreateAsync();
        (await ToListAsync(container.GetBlobsAsync())).ShouldBeEmpty();
        await container.UploadBlobAsync("a b/ü.txt", BinaryData.FromString("x"));
        await container.UploadBlobAsync("z", BinaryData.FromString("x"));

        (await ToListAsync(container.GetBlobsAsync(pageSize: 1))).Select(i => i.Name).ShouldBe(["a b/ü.txt", "z"]);
    }

    private static async Task<List<BlobItem>> ToListAsync(IAsyncEnumerable<BlobItem> items)
    {
        var list = new List<BlobItem>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }
}
