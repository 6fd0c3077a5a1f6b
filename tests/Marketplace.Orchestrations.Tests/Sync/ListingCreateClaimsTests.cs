using Marketplace.Orchestrations.Sync.Products;
using Marketplace.Shared.Catalog;
using Marketplace.TestSupport;
using Shouldly;
using Xunit;

namespace Marketplace.Orchestrations.Tests.Sync;

[Trait("Category", "Integration")]
public sealed class ListingCreateClaimsTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task SecondClaim_WaitsForTheFirstToBeReleased()
    {
        var claims = new ListingCreateClaims(azurite.Account.CreateTableServiceClient().GetTableClient(AzuriteFixture.UniqueName("claims")), TimeProvider.System);
        var first = await claims.ClaimAsync("SKU-1", Platform.Reverb);

        var second = claims.ClaimAsync("SKU-1", Platform.Reverb);
        var other = await claims.ClaimAsync("SKU-1", Platform.Ebay);
        await Task.Delay(600);
        second.IsCompleted.ShouldBeFalse();
        await first.DisposeAsync();

        await using var held = await second.WaitAsync(TimeSpan.FromSeconds(10));
        await other.DisposeAsync();
    }

    [Fact]
    public async Task ClaimOfADeadOwner_IsTakenOverAfterItExpires()
    {
        var table = azurite.Account.CreateTableServiceClient().GetTableClient(AzuriteFixture.UniqueName("claims"));
        var time = new ManualTime(DateTimeOffset.UtcNow);
        var claims = new ListingCreateClaims(table, time);
        _ = await claims.ClaimAsync("SKU-2", Platform.Reverb); // never released: its worker died

        var waiting = claims.ClaimAsync("SKU-2", Platform.Reverb);
        await Task.Delay(600);
        waiting.IsCompleted.ShouldBeFalse();
        time.Now += ListingCreateClaims.Expiry + TimeSpan.FromSeconds(1);

        await using var taken = await waiting.WaitAsync(TimeSpan.FromSeconds(10));
    }

    /// <summary>A clock the test moves; timers run on real time so that polling goes on.</summary>
    private sealed class ManualTime(DateTimeOffset now) : TimeProvider
    {
        private long _ticks = now.UtcTicks;

        public DateTimeOffset Now
        {
            get => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);
            set => Interlocked.Exchange(ref _ticks, value.UtcTicks);
        }

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
