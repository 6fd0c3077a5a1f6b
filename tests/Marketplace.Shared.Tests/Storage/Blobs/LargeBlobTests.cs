using System.Security.Cryptography;
using Marketplace.Shared.Storage.Blobs;
using Marketplace.TestSupport;
using Shouldly;
using Xunit;
using Xunit.Abstractions;

namespace Marketplace.Shared.Tests.Storage.Blobs;

[CollectionDefinition(nameof(MemorySensitiveCollection), DisableParallelization = true)]
public sealed class MemorySensitiveCollection;

/// <summary>Runs alone (no parallel tests) so that the process working set reflects this test only.</summary>
[Trait("Category", "Integration")]
[Collection(nameof(MemorySensitiveCollection))]
public sealed class LargeBlobTests(AzuriteFixture azurite, ITestOutputHelper output) : IClassFixture<AzuriteFixture>
{
    private const long Size = 256L * 1024 * 1024;
    private const double MaxGrowthMib = 64;

    [Fact]
    public async Task Upload256MiB_FromNonBufferedStream_AndDownloadStreaming_KeepsContentAndMemoryFlat()
    {
        var container = new BlobServiceClient(azurite.Account).GetBlobContainerClient(AzuriteFixture.UniqueName("big"));
        await container.CreateAsync();
        var blob = container.GetBlobClient("256mib.bin");
        using var source = new GeneratedStream(Size);
        using var downloadHash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[81920];

        await WarmUpCodePathsAsync(container);

        await using var memory = new PeakWorkingSet();
        await blob.UploadAsync(source, new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/octet-stream" } });
        var afterUploadMib = (memory.PeakBytes - memory.BaselineBytes) / 1048576.0;
        long downloaded = 0;
        using (var result = await blob.DownloadStreamingAsync())
        {
            int read;
            while ((read = await result.Content.ReadAsync(buffer)) > 0)
            {
                downloadHash.AppendData(buffer, 0, read);
                downloaded += read;
            }
        }

        var growthMib = memory.GrowthMib;

        output.WriteLine($"working set {memory.BaselineBytes / 1048576.0:F1} MiB -> peak {memory.PeakBytes / 1048576.0:F1} MiB (growth {growthMib:F1} MiB, {afterUploadMib:F1} MiB of it by the end of the upload)");
        downloaded.ShouldBe(Size);
        downloadHash.GetHashAndReset().ShouldBe(source.GetHash());
        growthMib.ShouldBeLessThan(MaxGrowthMib, $"working set grew from {memory.BaselineBytes / 1048576.0:F1} MiB to {memory.PeakBytes / 1048576.0:F1} MiB");
        await container.DeleteAsync();
    }

    /// <summary>Runs the block upload and streaming download once with tiny sizes, so that JIT and connection set-up are not counted.</summary>
    private static async Task WarmUpCodePathsAsync(BlobContainerClient container)
    {
        var blob = container.GetBlobClient("warm-up");
        using var source = new GeneratedStream(64 * 1024);
        await blob.UploadAsync(source, new BlobUploadOptions
        {
            TransferOptions = new StorageTransferOptions { InitialTransferSize = 1024, MaximumTransferSize = 8 * 1024, MaximumConcurrency = 4 },
        });
        using var result = await blob.DownloadStreamingAsync();
        await result.Content.CopyToAsync(Stream.Null);
    }
}
