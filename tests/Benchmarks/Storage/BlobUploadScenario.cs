using System.Diagnostics;
using Azure.Storage;
using Azure.Storage.Blobs.Models;
using Marketplace.TestSupport;

namespace Marketplace.Benchmarks.Storage;

/// <summary>
/// Uploads 256 MiB from a generated, non-seekable stream to Azurite with the Azure SDK's <c>BlobClient.UploadAsync</c>
/// (single request up to 4 MiB, then 4 MiB blocks, 4 in flight) and reports throughput and the peak working set.
/// </summary>
internal sealed class BlobUploadScenario : IBenchmarkScenario
{
    private const long Size = 256L * 1024 * 1024;
    private const int FourMib = 4 * 1024 * 1024;

    private static readonly BlobUploadOptions Options = new()
    {
        TransferOptions = new StorageTransferOptions { InitialTransferSize = FourMib, MaximumTransferSize = FourMib, MaximumConcurrency = 4 },
    };

    public string Name => "storage.blob.upload";

    public async Task RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        var azurite = await context.AzuriteAsync();
        var container = azurite.Account.CreateBlobServiceClient().GetBlobContainerClient("bench" + Guid.NewGuid().ToString("N")[..12]);
        await container.CreateAsync(cancellationToken: cancellationToken);
        try
        {
            // Warm-up: JIT, connections and buffer pool, so that the measured run is the steady state.
            await container.GetBlobClient("warmup").UploadAsync(new GeneratedStream(32L * 1024 * 1024), Options, cancellationToken);

            var blob = container.GetBlobClient("256mib.bin");
            using var sampler = BenchmarkContext.SampleWorkingSet();
            var started = Stopwatch.GetTimestamp();
            await blob.UploadAsync(new GeneratedStream(Size), Options, cancellationToken);
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var peak = sampler.PeakMib;

            var stored = (await blob.GetPropertiesAsync(cancellationToken: cancellationToken)).Value.ContentLength;
            if (stored != Size)
            {
                throw new InvalidOperationException($"Uploaded {Size} bytes but the blob holds {stored}.");
            }

            await Console.Error.WriteLineAsync($"working set baseline {sampler.BaselineMib:F1} MiB, peak {peak:F1} MiB, {seconds:F2} s");
            context.Report(Name, "mib_per_s", Size / 1048576.0 / seconds, "MiB/s");
            context.Report(Name, "peak_working_set_mib", peak, "MiB");
        }
        finally
        {
            await container.DeleteIfExistsAsync(cancellationToken: cancellationToken);
        }
    }
}
