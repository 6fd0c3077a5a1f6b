using Azure;
using Marketplace.Shared.Storage;
using Marketplace.Shared.Storage.Blobs;
using Marketplace.TestSupport;
using Shouldly;
using Xunit;

namespace Marketplace.Shared.Tests.Storage.Blobs;

[Trait("Category", "Integration")]
public sealed class BlobLeaseTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly TimeSpan Fifteen = TimeSpan.FromSeconds(15);

    private BlobContainerClient NewContainer() =>
        new BlobServiceClient(azurite.Account).GetBlobContainerClient(AzuriteFixture.UniqueName("l"));

    private async Task<BlobClient> NewBlobAsync()
    {
        var container = NewContainer();
        await container.CreateAsync();
        var blob = container.GetBlobClient("locked");
        await blob.UploadAsync(BinaryData.FromString("v0"));
        return blob;
    }

    [Fact]
    public async Task Acquire_Renew_Release_LetsTheNextHolderIn()
    {
        var blob = await NewBlobAsync();
        var first = blob.GetBlobLeaseClient();

        var acquired = await first.AcquireAsync(Fifteen);
        var renewed = await first.RenewAsync();
        (await blob.GetPropertiesAsync()).LeaseState.ShouldBe(LeaseState.Leased);
        await first.ReleaseAsync();

        acquired.LeaseId.ShouldBe(first.LeaseId);
        renewed.LeaseId.ShouldBe(first.LeaseId);
        (await blob.GetPropertiesAsync()).LeaseState.ShouldBe(LeaseState.Available);
        (await blob.GetBlobLeaseClient().AcquireAsync(BlobLeaseClient.InfiniteLeaseDuration)).LeaseId.ShouldNotBeNull();
        (await blob.GetPropertiesAsync()).LeaseDuration.ShouldBe(LeaseDurationType.Infinite);
    }

    [Fact]
    public async Task Acquire_WhenHeldByAnother_Fails409LeaseAlreadyPresent()
    {
        var blob = await NewBlobAsync();
        await blob.GetBlobLeaseClient().AcquireAsync(Fifteen);

        var ex = await Should.ThrowAsync<RequestFailedException>(() => blob.GetBlobLeaseClient().AcquireAsync(Fifteen));

        ex.IsConflict().ShouldBeTrue();
        ex.ErrorCode.ShouldBe(BlobErrorCode.LeaseAlreadyPresent);
    }

    [Fact]
    public async Task Write_OnLeasedBlob_NeedsTheLeaseId()
    {
        var blob = await NewBlobAsync();
        var lease = blob.GetBlobLeaseClient();
        await lease.AcquireAsync(Fifteen);

        var withoutLease = await Should.ThrowAsync<RequestFailedException>(() => blob.UploadAsync(BinaryData.FromString("intruder"), overwrite: true));
        var deleteWithoutLease = await Should.ThrowAsync<RequestFailedException>(() => blob.DeleteAsync());
        await blob.UploadAsync(BinaryData.FromString("holder"), new BlobUploadOptions { Conditions = new BlobRequestConditions { LeaseId = lease.LeaseId } });

        withoutLease.IsPreconditionFailed().ShouldBeTrue();
        withoutLease.ErrorCode.ShouldBe(BlobErrorCode.LeaseIdMissing);
        deleteWithoutLease.IsPreconditionFailed().ShouldBeTrue();
        (await blob.DownloadContentAsync()).Content.ToString().ShouldBe("holder");
    }

    [Fact]
    public async Task BlockUpload_OnLeasedBlob_WithLeaseId_Commits()
    {
        var blob = await NewBlobAsync();
        var lease = blob.GetBlobLeaseClient();
        await lease.AcquireAsync(Fifteen);
        using var source = new GeneratedStream(20_000);

        await blob.UploadAsync(source, new BlobUploadOptions
        {
            Conditions = new BlobRequestConditions { LeaseId = lease.LeaseId },
            TransferOptions = new StorageTransferOptions { InitialTransferSize = 1024, MaximumTransferSize = 4096 },
        });

        (await blob.GetPropertiesAsync()).ContentLength.ShouldBe(20_000);
    }

    [Fact]
    public async Task Break_EndsTheLeaseForEveryone()
    {
        var blob = await NewBlobAsync();
        var holder = blob.GetBlobLeaseClient();
        await holder.AcquireAsync(BlobLeaseClient.InfiniteLeaseDuration);

        var broken = await blob.GetBlobLeaseClient().BreakAsync(TimeSpan.Zero);

        broken.LeaseTime.ShouldBe(0);
        (await Should.ThrowAsync<RequestFailedException>(() => holder.RenewAsync())).IsConflict().ShouldBeTrue();
        await blob.GetBlobLeaseClient().AcquireAsync(Fifteen);
    }

    [Fact]
    public async Task Change_MovesTheLeaseToTheNewId()
    {
        var blob = await NewBlobAsync();
        var lease = blob.GetBlobLeaseClient();
        await lease.AcquireAsync(Fifteen);
        var newId = Guid.NewGuid().ToString();

        await lease.ChangeAsync(newId);

        lease.LeaseId.ShouldBe(newId);
        await blob.GetBlobLeaseClient(newId).RenewAsync();
    }

    [Theory]
    [InlineData(14)]
    [InlineData(61)]
    [InlineData(0)]
    public async Task Acquire_WithDurationOutsideRange_IsRejectedBeforeSending(int seconds)
    {
        var blob = NewContainer().GetBlobClient("never-sent");

        await Should.ThrowAsync<ArgumentOutOfRangeException>(() => blob.GetBlobLeaseClient().AcquireAsync(TimeSpan.FromSeconds(seconds)));
    }

    [Fact]
    public async Task LeaseLock_CreatesMissingContainerAndBlob_SecondAcquirerGetsNull()
    {
        var lockBlob = NewContainer().GetBlobClient("locks/hourly-sync");

        await using var first = await BlobLeaseLock.TryAcquireAsync(lockBlob, Fifteen);
        var second = await BlobLeaseLock.TryAcquireAsync(lockBlob, Fifteen);

        first.ShouldNotBeNull();
        second.ShouldBeNull();
        await first.RenewAsync();
        (await lockBlob.GetPropertiesAsync()).LeaseState.ShouldBe(LeaseState.Leased);
    }

    [Fact]
    public async Task LeaseLock_AfterRelease_NextInstanceAcquires()
    {
        var lockBlob = NewContainer().GetBlobClient("singleton");
        var first = await BlobLeaseLock.TryAcquireAsync(lockBlob, Fifteen);
        first.ShouldNotBeNull();

        await first.DisposeAsync();
        await using var next = await BlobLeaseLock.TryAcquireAsync(lockBlob, Fifteen);

        next.ShouldNotBeNull();
        next.LeaseId.ShouldNotBe(first.LeaseId);
    }

    [Fact]
    public async Task LeaseLock_ConcurrentAcquirers_ExactlyOneHoldsIt()
    {
        var lockBlob = NewContainer().GetBlobClient("race");

        var locks = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => BlobLeaseLock.TryAcquireAsync(lockBlob, Fifteen)));

        locks.Count(l => l is not null).ShouldBe(1);
    }

    [Fact]
    public async Task KeepRenewed_WhenTheLeaseIsBroken_ReportsTheLossAndStops()
    {
        var blob = await NewBlobAsync();
        await using var held = (await BlobLeaseLock.TryAcquireAsync(blob, Fifteen))!;
        await held.RenewAsync();
        RequestFailedException? lost = null;
        await blob.GetBlobLeaseClient().BreakAsync(TimeSpan.Zero);

        // A short interval so the first renewal comes at once; it must fail because the lease is gone.
        var renewing = held.KeepRenewedAsync(TimeSpan.FromMilliseconds(300), TimeProvider.System, ex => lost = ex, CancellationToken.None);
        await renewing.WaitAsync(TimeSpan.FromSeconds(30));

        lost.ShouldNotBeNull().Status.ShouldBe(409);
    }

    [Fact]
    public async Task KeepRenewed_UntilCancelled_KeepsTheLeaseAndReturnsQuietly()
    {
        var blob = await NewBlobAsync();
        await using var held = (await BlobLeaseLock.TryAcquireAsync(blob, Fifteen))!;
        using var stop = new CancellationTokenSource();
        RequestFailedException? lost = null;

        var renewing = held.KeepRenewedAsync(TimeSpan.FromMilliseconds(300), TimeProvider.System, ex => lost = ex, stop.Token);
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        await stop.CancelAsync();
        await renewing.WaitAsync(TimeSpan.FromSeconds(30));

        lost.ShouldBeNull();
        (await blob.GetPropertiesAsync()).LeaseState.ShouldBe(LeaseState.Leased);
    }
}
