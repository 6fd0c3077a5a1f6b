using System.Net;
using System.Text.RegularExpressions;
using Marketplace.Sandbox.VintageAndRare;
using Shouldly;
using Xunit;

namespace Marketplace.Sandbox.Tests.VintageAndRare;

/// <summary>The sandbox site over plain HTTP (the browser tests live with the connector in Marketplace.Shared.Tests).</summary>
[Trait("Category", "Integration")]
public sealed partial class VintageAndRareSiteTests : IAsyncLifetime
{
    private VintageAndRareSandboxServer _site = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _site = await VintageAndRareSandboxServer.StartAsync();
        _http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = _site.SiteUrl };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _site.DisposeAsync();
    }

    [Fact]
    public async Task DealerPages_WithoutSession_RedirectToLoginWithTheReturnPath()
    {
        var response = await _http.GetAsync(new Uri("account/items?q=AB-1", UriKind.Relative));

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldBe("/vintageandrare/account/login?return=%2Fvintageandrare%2Faccount%2Fitems%3Fq%3DAB-1");
    }

    [Fact]
    public async Task Login_AcceptsEachCsrfTokenOnce_AndSetsTheSessionCookie()
    {
        var token = await CsrfAsync("account/login");
        var form = Login(token, _site.State.Options.Password);

        var first = await _http.PostAsync(new Uri("account/login", UriKind.Relative), form);
        var replay = await _http.PostAsync(new Uri("account/login", UriKind.Relative), Login(token, _site.State.Options.Password));

        first.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        first.Headers.GetValues("Set-Cookie").ShouldContain(c => c.StartsWith(VintageAndRareSandbox.SessionCookie + "=", StringComparison.Ordinal));
        replay.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        _site.State.Logins.ShouldBe(1);
        (await _http.GetAsync(new Uri("account/items", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Login_WrongPassword_Is401AndNoSession()
    {
        var response = await _http.PostAsync(new Uri("account/login", UriKind.Relative), Login(await CsrfAsync("account/login"), "wrong"));

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await response.Content.ReadAsStringAsync()).ShouldContain("Wrong email or password.");
        _site.State.Logins.ShouldBe(0);
    }

    [Fact]
    public async Task ExpireSessions_PutsTheLoginWallBackMidSession()
    {
        await _http.PostAsync(new Uri("account/login", UriKind.Relative), Login(await CsrfAsync("account/login"), _site.State.Options.Password));

        var control = await _http.PostAsync(new Uri(_site.SiteUrl, "/_sandbox/vintageandrare/expire-sessions"), null);

        control.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await _http.GetAsync(new Uri("account/items", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task InventoryFeed_ListsItemsOnSaleOnly_AndNeedsTheKey()
    {
        var now = _site.State.Time.GetUtcNow();
        var onSale = _site.State.Add((id, _) => new VintageAndRareListing { Id = id, Sku = "F-1", Title = "Tele", Price = 900m, Category = "electric-guitars", ShippingProfile = "uk-standard", CreatedAt = now });
        var sold = _site.State.Add((id, _) => new VintageAndRareListing { Id = id, Sku = "F-2", Title = "Jazz", Price = 700m, Category = "bass-guitars", ShippingProfile = "uk-standard", CreatedAt = now });
        _site.State.MarkSold(sold, "sold");

        var feed = System.Xml.Linq.XDocument.Parse(await _http.GetStringAsync(new Uri("feed/inventory.xml?key=" + _site.State.Options.FeedKey, UriKind.Relative)));
        var denied = await _http.GetAsync(new Uri("feed/inventory.xml?key=wrong", UriKind.Relative));

        feed.Root!.Elements("item").Select(i => (string?)i.Element("sku")).ShouldBe(["F-1"]);
        ((long?)feed.Root.Element("item")!.Element("id")).ShouldBe(onSale.Id);
        denied.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        denied.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    private async Task<string> CsrfAsync(string path) =>
        CsrfField().Match(await _http.GetStringAsync(new Uri(path, UriKind.Relative))).Groups[1].Value;

    private FormUrlEncodedContent Login(string token, string password) => new(new Dictionary<string, string>
    {
        ["csrf_token"] = token,
        ["username"] = _site.State.Options.Username,
        ["password"] = password,
        ["return"] = string.Empty,
    });

    [GeneratedRegex("name=\"csrf_token\" value=\"([0-9a-f]+)\"")]
    private static partial Regex CsrfField();
}
