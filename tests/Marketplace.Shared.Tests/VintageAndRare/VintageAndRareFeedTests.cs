using Marketplace.Sandbox.VintageAndRare;
using Marketplace.Shared.Secrets;
using Marketplace.Shared.VintageAndRare;
using Shouldly;
using Xunit;

namespace Marketplace.Shared.Tests.VintageAndRare;

public sealed class VintageAndRareFeedTests
{
    [Theory]
    [InlineData(true, new string[0], VintageAndRareFeedVerdict.Listed)]
    [InlineData(true, new[] { "SOLD" }, VintageAndRareFeedVerdict.Listed)]
    [InlineData(false, new[] { "ACTIVE", "SOLD" }, VintageAndRareFeedVerdict.Removed)]
    [InlineData(false, new[] { "ENDED" }, VintageAndRareFeedVerdict.Removed)]
    [InlineData(false, new[] { "ACTIVE" }, VintageAndRareFeedVerdict.Review)]
    [InlineData(false, new string[0], VintageAndRareFeedVerdict.Review)]
    public void Judge_MissingFromFeed_IsRemovedOnlyWhenAnotherPlatformCorroborates(bool inFeed, string[] others, VintageAndRareFeedVerdict expected) =>
        VintageAndRareFeedRule.Judge(inFeed, others).ShouldBe(expected);

    [Fact]
    [Trait("Category", "Integration")]
    public async Task GetItems_ReadsTheSandboxFeed_WithTheKeyFromTheSecretStore()
    {
        await using var site = await VintageAndRareSandboxServer.StartAsync();
        site.State.Options.PendingDelay = TimeSpan.FromDays(1);
        var listing = site.State.Add((id, now) => new VintageAndRareListing { Id = id, Sku = "FEED-1", Title = "Tele", Price = 900m, Category = "electric-guitars", ShippingProfile = "uk-standard", CreatedAt = now });
        var secrets = new InMemorySecretStore();
        var options = new VintageAndRareOptions { BaseUrl = site.SiteUrl, Account = "dealer" };
        using var http = new HttpClient();

        var missingKey = await Should.ThrowAsync<VintageAndRareException>(() => new VintageAndRareInventoryFeed(http, options, secrets).GetItemsAsync());
        await secrets.SetSecretAsync("vintageandrare--dealer--feedkey", site.State.Options.FeedKey);
        var items = await new VintageAndRareInventoryFeed(http, options, secrets).GetItemsAsync();

        missingKey.IsTransient.ShouldBeFalse();
        items.ShouldBe([new VintageAndRareFeedItem(listing.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "FEED-1", "pending")]);
    }
}
