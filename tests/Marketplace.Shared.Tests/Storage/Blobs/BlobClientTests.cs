using System.Security.Cryptography;
using Azure;
using Marketplace.Shared.Storage;
using Marketplace.Shared.Storage.Blobs;
using Marketplace.TestSupport;
using Shouldly;
using Xunit;

namespace Marketplace.Shared.Tests.Storage.Blobs;

[Trait("Category", "Integration")]
public sealed class BlobClientTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private async Task<BlobContainerClient> NewContainerAsync()
    {
        var container = new BlobServiceClient(azurite.Account).GetBlobContainerClient(AzuriteFixture.UniqueName("b"));
        await container.CreateAsync();
        return container;
    }

    [Fact]
    public async Task Upload_ThenDownload_RoundTripsContentTypeAndMetadata()
    {
        var blob = (await NewContainerAsync()).GetBlobClient("dir/item.json");
        var info = await blob.UploadAsync(BinaryData.FromString("{\"a\":1}"), new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = "application/json", CacheControl = "no-cache" },
            Metadata = new Dictionary<string, string> { ["sku"] = "A-1", ["Origin"] = "shopify" },
        });

        var download = await blob.DownloadContentAsync();
        var properties = await blob.GetPropertiesAsync();

        download.Content.ToString().ShouldBe("{\"a\":1}");
        download.Details.ContentType.ShouldBe("application/json");
        download.Details.ETag.ShouldBe(info.ETag);
        download.Details.Metadata["sku"].ShouldBe("A-1");
        download.Details.Metadata["origin"].ShouldBe("shopify");
        properties.ContentLength.ShouldBe(7);
        properties.ContentType.ShouldBe("application/json");
        properties.CacheControl.ShouldBe("no-cache");
        properties.ETag.ShouldBe(info.ETag);
        properties.Metadata.Count.ShouldBe(2);
        properties.LeaseState.ShouldBe(LeaseState.Available);
    }

    [Fact]
    public async Task DownloadStreaming_ReturnsUnbufferedStreamAndDetails()
    {
        var blob = (await NewContainerAsync()).GetBlobClient("s.bin");
        var bytes = RandomNumberGenerator.GetBytes(100_000);
        var info = await blob.UploadAsync(new BinaryData(bytes), new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = "application/octet-stream" },
            Metadata = new Dictionary<string, string> { ["k"] = "v" },
        });

        using var result = await blob.DownloadStreamingAsync();
        using var copy = new MemoryStream();
        await result.Content.CopyToAsync(copy);

        result.Content.CanSeek.ShouldBeFalse();
        copy.ToArray().ShouldBe(bytes);
        result.Details.ContentLength.ShouldBe(bytes.Length);
        result.Details.ETag.ShouldBe(info.ETag);
        result.Details.Metadata["k"].ShouldBe("v");
    }

    [Fact]
    public async Task DownloadTo_CopiesTheBlobIntoTheDestination()
    {
        var blob = (await NewContainerAsync()).GetBlobClient("to.bin");
        var bytes = RandomNumberGenerator.GetBytes(10_000);
        await blob.UploadAsync(new BinaryData(bytes));
        using var destination = new MemoryStream();

        var details = await blob.DownloadToAsync(destination);

        destination.ToArray().ShouldBe(bytes);
        details.ContentLength.ShouldBe(bytes.Length);
    }

    [Fact]
    public async Task Download_Range_ReturnsOnlyThoseBytes()
    {
        var blob = (await NewContainerAsync()).GetBlobClient("r.txt");
        await blob.UploadAsync(BinaryData.FromString("0123456789"), overwrite: true);

        var result = await blob.DownloadContentAsync(new BlobDownloadOptions { Range = new HttpRange(2, 3) });

        result.Content.ToString().ShouldBe("234");
        result.Details.ContentRange.ShouldBe("bytes 2-4/10");
    }

    [Fact]
    public async Task Upload_LargerThanThreshold_UsesBlocksAndKeepsEveryByte()
    {
        var blob = (await NewContainerAsync()).GetBlobClient("blocks.bin");
        using var source = new GeneratedStream(5 * 1024 * 1024 + 123);
        var options = new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = "application/x-test" },
            Metadata = new Dictionary<string, string> { ["kind"] = "blocks" },
            TransferOptions = new StorageTransferOptions { InitialTransferSize = 1024 * 1024, MaximumTransferSize = 512 * 1024, MaximumConcurrency = 3 },
        };

        await blob.UploadAsync(source, options);
        using var result = await blob.DownloadStreamingAsync();
        var downloadedHash = await SHA256.HashDataAsync(result.Content);

        downloadedHash.ShouldBe(source.GetHash());
        result.Details.ContentLength.ShouldBe(5 * 1024 * 1024 + 123);
        result.Details.ContentType.ShouldBe("application/x-test");
        result.Details.Metadata["kind"].ShouldBe("blocks");
    }

    [Fact]
    public async Task Upload_EmptyNonSeekableStream_CreatesEmptyBlob()
    {
        var blob = (await NewContainerAsync()).GetBlobClient("empty");
        using var source = new GeneratedStream(0);

        await blob.UploadAsync(source, options: null);

        (await blob.GetPropertiesAsync()).ContentLength.ShouldBe(0);
    }

    [Fact]
    public async Task Exists_And_Delete_FollowTheBlobsLife()
    {
        var blob = (await NewContainerAsync()).GetBlobClient("life");
        (await blob.ExistsAsync()).ShouldBeFalse();
        await blob.UploadAsync(BinaryData.FromString("x"));
        (await blob.ExistsAsync()).ShouldBeTrue();

        await blob.DeleteAsync();

        (await blob.ExistsAsync()).ShouldBeFalse();
        (await blob.DeleteIfExistsAsync()).ShouldBeFalse();
        (await Should.ThrowAsync<RequestFailedException>(() => blob.DeleteAsync())).ErrorCode.ShouldBe(BlobErrorCode.BlobNotFound);
        (await Should.ThrowAsync<RequestFailedException>(() => blob.DownloadStreamingAsync())).IsNotFound().ShouldBeTrue();
        (await Should.ThrowAsync<RequestFailedException>(() => blob.GetPropertiesAsync())).IsNotFound().ShouldBeTrue();
    }

    [Fact]
    public async Task DeleteIfExists_WhenPresent_DeletesAndReturnsTrue()
    {
        var blob = (await NewContainerAsync()).GetBlobClient("d");
        await blob.UploadAsync(BinaryData.FromString("x"));

        (await blob.DeleteIfExistsAsync()).ShouldBeTrue();
        (await blob.ExistsAsync()).ShouldBeFalse();
        await blob.UploadAsync(BinaryData.FromString("again"));
        (await blob.GetParentBlobContainerClient().DeleteBlobIfExistsAsync(blob.Name)).ShouldBeTrue();
        (await blob.ExistsAsync()).ShouldBeFalse();
    }

    [Fact]
    public async Task Upload_TwoWritersWithSameIfMatch_ExactlyOneWinsOther412()
    {
        var blob = (await NewContainerAsync()).GetBlobClient("contended.json");
        var original = await blob.UploadAsync(BinaryData.FromString("v0"));
        var conditions = new BlobRequestConditions { IfMatch = original.ETag };

        var writers = new[] { "writer-a", "writer-b" }
            .Select(async text =>
            {
                try
                {
                    await blob.UploadAsync(BinaryData.FromString(text), new BlobUploadOptions { Conditions = conditions });
                    return (Text: text, Status: 201);
                }
                catch (RequestFailedException ex) when (ex.IsPreconditionFailed())
                {
                    return (Text: text, Status: ex.Status);
                }
            })
            .ToList();
        var outcomes = await Task.WhenAll(writers);

        outcomes.Count(o => o.Status == 201).ShouldBe(1);
        outcomes.Count(o => o.Status == 412).ShouldBe(1);
        (await blob.DownloadContentAsync()).Content.ToString().ShouldBe(outcomes.Single(o => o.Status == 201).Text);
    }

    [Fact]
    public async Task Conditions_WithStaleETag_Fail412OnDownloadPropertiesAndDelete()
    {
        var blob = (await NewContainerAsync()).GetBlobClient("stale");
        var stale = (await blob.UploadAsync(BinaryData.FromString("v1"))).ETag;
        var current = (await blob.UploadAsync(BinaryData.FromString("v2"), overwrite: true)).ETag;
        var staleCondition = new BlobRequestConditions { IfMatch = stale };

        (await Should.ThrowAsync<RequestFailedException>(() => blob.DownloadContentAsync(new BlobDownloadOptions { Conditions = staleCondition }))).Status.ShouldBe(412);
        (await Should.ThrowAsync<RequestFailedException>(() => blob.DownloadStreamingAsync(new BlobDownloadOptions { Conditions = staleCondition }))).ErrorCode.ShouldBe(BlobErrorCode.ConditionNotMet);
        (await Should.ThrowAsync<RequestFailedException>(() => blob.GetPropertiesAsync(staleCondition))).IsPreconditionFailed().ShouldBeTrue();
        (await Should.ThrowAsync<RequestFailedException>(() => blob.DeleteAsync(staleCondition))).IsPreconditionFailed().ShouldBeTrue();

        await blob.DeleteAsync(new BlobRequestConditions { IfMatch = current });
        (await blob.ExistsAsync()).ShouldBeFalse();
    }

    [Fact]
    public async Task Upload_WithIfNoneMatchStar_IsCreateOnlyEvenForBlockUploads()
    {
        var blob = (await NewContainerAsync()).GetBlobClient("create-only");
        var createOnly = new BlobUploadOptions
        {
            Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
            TransferOptions = new StorageTransferOptions { InitialTransferSize = 1024, MaximumTransferSize = 1024 },
        };
        using (var first = new GeneratedStream(3000))
        {
            await blob.UploadAsync(first, createOnly);
        }

        using var second = new GeneratedStream(3000, seed: 7);
        var ex = await Should.ThrowAsync<RequestFailedException>(() => blob.UploadAsync(second, createOnly));

        ex.IsConcurrencyConflict().ShouldBeTrue();
        (await blob.GetPropertiesAsync()).ContentLength.ShouldBe(3000);
    }

    [Fact]
    public async Task Upload_InBlocksIntoMissingContainer_SurfacesTheStorageErrorNotACancellation()
    {
        var container = new BlobServiceClient(azurite.Account).GetBlobContainerClient(AzuriteFixture.UniqueName("missing"));
        using var source = new GeneratedStream(64 * 1024);
        var options = new BlobUploadOptions { TransferOptions = new StorageTransferOptions { InitialTransferSize = 1024, MaximumTransferSize = 4096, MaximumConcurrency = 4 } };

        var ex = await Should.ThrowAsync<RequestFailedException>(() => container.GetBlobClient("x").UploadAsync(source, options));

        ex.ErrorCode.ShouldBe(BlobErrorCode.ContainerNotFound);
    }

    [Fact]
    public async Task Upload_WithInvalidMetadataName_IsRejectedBeforeSending()
    {
        var blob = new BlobServiceClient(azurite.Account).GetBlobContainerClient("unused").GetBlobClient("x");
        var options = new BlobUploadOptions { Metadata = new Dictionary<string, string> { ["not-valid"] = "v" } };

        var ex = await Should.ThrowAsync<ArgumentException>(() => blob.UploadAsync(BinaryData.FromString("x"), options));

        ex.Message.ShouldContain("not-valid");
    }
}
