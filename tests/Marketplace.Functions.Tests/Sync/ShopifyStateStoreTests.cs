using Marketplace.Functions.Sync;
using Marketplace.TestSupport;
using Shouldly;
using Xunit;

namespace Marketplace.Functions.Tests.Sync;

[Trait("Category", "Integration")]
public sealed class ShopifyStateStoreTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string Shop = "s.myshopify.com";
    private static readonly TimeSpan Stale = TimeSpan.FromMinutes(5);
    private readonly ShopifyStateStore _store = new(azurite.Account.CreateBlobServiceClient(), AzuriteFixture.UniqueName("shopify"));

    [Fact]
    public async Task ClaimWebhook_IsBusyWhileHeld_DoneWhenCompleted_AndFreeAgainWhenReleased()
    {
        var now = DateTimeOffset.UtcNow;

        var first = await _store.ClaimWebhookAsync(Shop, "wh-1", Stale, now, default);
        var second = await _store.ClaimWebhookAsync(Shop, "wh-1", Stale, now, default);
        await _store.ReleaseWebhookAsync(Shop, "wh-1", default);
        var afterRelease = await _store.ClaimWebhookAsync(Shop, "wh-1", Stale, now, default);
        await _store.CompleteWebhookAsync(Shop, "wh-1", "products/update", default);
        var afterDone = await _store.ClaimWebhookAsync(Shop, "wh-1", Stale, now, default);

        (first, second, afterRelease, afterDone).ShouldBe((WebhookClaim.Claimed, WebhookClaim.Busy, WebhookClaim.Claimed, WebhookClaim.Done));
    }

    [Fact]
    public async Task ClaimWebhook_HeldLongerThanTheTimeout_IsTakenOver()
    {
        (await _store.ClaimWebhookAsync(Shop, "wh-2", Stale, DateTimeOffset.UtcNow, default)).ShouldBe(WebhookClaim.Claimed);

        var later = await _store.ClaimWebhookAsync(Shop, "wh-2", Stale, DateTimeOffset.UtcNow + Stale + TimeSpan.FromMinutes(1), default);

        later.ShouldBe(WebhookClaim.Claimed);
    }

    [Fact]
    public async Task OAuthState_IsTakenOnce_AndUnknownOrMalformedStatesAreNull()
    {
        var state = new ShopifyOAuthState("n0nce-" + Guid.NewGuid().ToString("N"), Shop, DateTimeOffset.UtcNow);
        await _store.SaveOAuthStateAsync(state, default);

        (await _store.TakeOAuthStateAsync(state.State, default)).ShouldBe(state);
        (await _store.TakeOAuthStateAsync(state.State, default)).ShouldBeNull();
        (await _store.TakeOAuthStateAsync("never-issued", default)).ShouldBeNull();
        (await _store.TakeOAuthStateAsync("../webhooks/x", default)).ShouldBeNull();
    }
}
