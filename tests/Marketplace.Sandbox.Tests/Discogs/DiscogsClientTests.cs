using System.Net;
using System.Text.Json;
using Marketplace.Sandbox.Discogs;
using Marketplace.Shared.Discogs;
using Marketplace.Shared.Marketplaces;
using Marketplace.TestSupport.Photos;
using Shouldly;
using Xunit;

namespace Marketplace.Sandbox.Tests.Discogs;

/// <summary>The Discogs client against the sandbox: search filters, pagination, releases, auth and throttling errors, the published fixtures.</summary>
public sealed class DiscogsClientTests : DiscogsSandboxTestBase
{
    [Fact]
    public async Task Search_ByBarcode_FindsTheFixtureRelease3()
    {
        var page = await CreateClient().SearchAsync(new DiscogsSearchQuery { Barcode = "0 74646 36282 2" });

        page.Results.Select(r => r.Id).ShouldBe([3L]);
        page.Results[0].Title.ShouldBe("Josh Wink - Profound Sounds Vol. 1");
        page.Results[0].Label.ShouldContain("Ruffhouse Records");
    }

    [Fact]
    public async Task Search_ByCatalogNumberWithOtherSpacing_AndByRunoutText_FindRelease2()
    {
        var client = CreateClient();

        (await client.SearchAsync(new DiscogsSearchQuery { CatalogNumber = "SK-026" })).Results.Select(r => r.Id).ShouldBe([2L]);
        (await client.SearchAsync(new DiscogsSearchQuery { Query = "MPO SKO26-A J.T.S" })).Results.Select(r => r.Id).ShouldBe([2L]);
        (await client.SearchAsync(new DiscogsSearchQuery { Label = "svek", Artist = "barth" })).Results.Select(r => r.Id).ShouldBe([2L]);
        (await client.SearchAsync(new DiscogsSearchQuery { Label = "svek", Artist = "josh wink" })).Results.ShouldBeEmpty();
    }

    [Fact]
    public async Task SearchAll_FollowsThePages()
    {
        for (var i = 0; i < 120; i++)
        {
            Sandbox.AddRelease(SyntheticReleases.Create(i));
        }

        var client = CreateClient();
        var first = await client.SearchAsync(new DiscogsSearchQuery { Format = null, Query = "Vinyl" });
        var all = await client.SearchAllAsync(new DiscogsSearchQuery { Query = "Vinyl" }).ToListAsync();

        first.Pagination.Pages.ShouldBe(3);
        first.Pagination.Urls!.Next.ShouldNotBeNull().ShouldContain("page=2");
        all.Select(r => r.Id).Distinct().Count().ShouldBe(first.Pagination.Items);
        all.Count.ShouldBeGreaterThanOrEqualTo(120);
    }

    [Fact]
    public async Task GetRelease_ReadsIdentifiers_AndIsNullForAnUnknownId()
    {
        var client = CreateClient();

        var release = (await client.GetReleaseAsync(2)).ShouldNotBeNull();
        release.IdentifiersOf("Matrix / Runout").ShouldBe(["MPO SK026-A -J.T.S.-", "MPO SK026-B -J.T.S.-"]);
        release.Labels[0].Catno.ShouldBe("SK 026");
        release.ArtistName.ShouldBe("Mr. James Barth & A.D.");
        (await client.GetReleaseAsync(123456789)).ShouldBeNull();
    }

    [Fact]
    public async Task WrongToken_Is401WithDiscogsMessage()
    {
        var ex = await Should.ThrowAsync<DiscogsException>(() => CreateClient(o => o.Token = "wrong").SearchAsync(new DiscogsSearchQuery { Query = "x" }));

        ex.Status.ShouldBe(HttpStatusCode.Unauthorized);
        ex.Message.ShouldContain("You must authenticate");
    }

    [Fact]
    public void PublishedSearchFixture_Deserializes_WithLabelAsOneString()
    {
        var page = JsonSerializer.Deserialize<DiscogsSearchPage>(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "discogs_search_q_trash80.json")), DiscogsClient.JsonOptions)!;

        page.Pagination.Items.ShouldBe(13);
        var icarus = page.Results.Single(r => r.Id == 1743771);
        icarus.Label.ShouldBe(["8bitpeoples"]);
        icarus.Catno.ShouldBe("8BP086");
        icarus.Year.ShouldBe("2008");
    }
}

/// <summary>Throttling: a client that ignores the limit gets 429 as a rate-limit exception; the paced client never does.</summary>
public sealed class DiscogsRateLimitTests : DiscogsSandboxTestBase
{
    protected override void ConfigureSandbox(DiscogsSandboxOptions options)
    {
        options.RateLimit = 5;
        options.RateLimitWindow = TimeSpan.FromSeconds(1);
    }

    [Fact]
    public async Task WindowUsedUpByAnotherClient_Gets429AsRateLimitException()
    {
        using var other = new HttpClient { BaseAddress = Server.BaseUrl };
        other.DefaultRequestHeaders.Add("User-Agent", "OtherApp/1.0");
        for (var i = 0; i < 5; i++)
        {
            using var _ = await other.GetAsync($"releases/2?token={Sandbox.Options.Token}");
        }

        var ex = await Should.ThrowAsync<MarketplaceRateLimitException>(() => CreateClient(o => o.MaxRetries = 0).GetReleaseAsync(2));

        ex.Platform.ShouldBe(MarketplacePlatform.Discogs);
        ex.Message.ShouldContain("too quickly");
    }

    [Fact]
    public async Task ThrottledAndRetried_LogsTheRetry_ButNeverTheToken()
    {
        using var other = new HttpClient { BaseAddress = Server.BaseUrl };
        other.DefaultRequestHeaders.Add("User-Agent", "OtherApp/1.0");
        for (var i = 0; i < 5; i++)
        {
            using var _ = await other.GetAsync($"releases/2?token={Sandbox.Options.Token}");
        }

        var logger = new Ebay.RecordingLogger<DiscogsClient>();
        var client = new DiscogsClient(new HttpClient(), new DiscogsClientOptions
        {
            Token = Sandbox.Options.Token, UserAgent = "MarketplaceTests/1.0", ApiBaseUrl = Server.BaseUrl, RetryBaseDelay = TimeSpan.FromMilliseconds(50),
            RateLimit = 5, RateLimitWindow = TimeSpan.FromSeconds(1),
        }, logger: logger);

        (await client.GetReleaseAsync(3)).ShouldNotBeNull();

        logger.Lines.ShouldContain(l => l.Contains("429", StringComparison.Ordinal));
        logger.Lines.ShouldAllBe(l => !l.Contains(Sandbox.Options.Token, StringComparison.Ordinal));
    }

    [Fact]
    public async Task PacedClient_ManyCallsOverSeveralWindows_IsNeverThrottled()
    {
        var client = CreateClient(o => o.RateLimit = 60);

        await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            for (var i = 0; i < 4; i++)
            {
                (await client.GetReleaseAsync(3)).ShouldNotBeNull();
            }
        }));

        Sandbox.Throttled.ShouldBe(0);
        client.Pacer.Limit.ShouldBe(5);
    }
}
