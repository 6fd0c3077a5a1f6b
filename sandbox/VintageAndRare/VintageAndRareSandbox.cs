using static Marketplace.Sandbox.VintageAndRare.VintageAndRareHtml;

namespace Marketplace.Sandbox.VintageAndRare;

/// <summary>
/// Vintage &amp; Rare's dealer website under <see cref="VintageAndRareSandboxOptions.Prefix"/> (V&amp;R has no public write API):
/// login with a CSRF token and a session cookie, the add-listing form, the show page, the dealer's listing page with
/// search by SKU, edit and mark-sold forms, a CSV export and the inventory feed (<c>feed/inventory.xml?key=</c>, no login). New listings are <c>pending</c> and turn <c>active</c>
/// after a delay. Fault switches: <c>POST /_sandbox/vintageandrare/faults</c> and <c>/_sandbox/vintageandrare/expire-sessions</c>.
/// </summary>
public static partial class VintageAndRareSandbox
{
    public const string SessionCookie = "vr_session";
    private const string P = VintageAndRareSandboxOptions.Prefix;

    /// <summary>Registers the site's state; options from <c>Sandbox:VintageAndRare</c>.</summary>
    public static IServiceCollection AddVintageAndRareSandbox(this IServiceCollection services, IConfiguration configuration)
    {
        var options = new VintageAndRareSandboxOptions();
        configuration.GetSection("Sandbox:VintageAndRare").Bind(options);
        services.AddSingleton(options);
        services.AddSingleton(sp => new VintageAndRareSandboxState(options, sp.GetService<TimeProvider>() ?? TimeProvider.System));
        return services;
    }

    /// <summary>Maps the site's pages and the sandbox control endpoints.</summary>
    public static WebApplication MapVintageAndRareSandbox(this WebApplication app)
    {
        var site = app.MapGroup(P).AddEndpointFilter(async (context, next) =>
        {
            var state = context.HttpContext.RequestServices.GetRequiredService<VintageAndRareSandboxState>();
            await Task.Delay(state.Options.Faults.SlowPages, state.Time, context.HttpContext.RequestAborted);
            return await next(context);
        });
        site.MapGet("/account/login", (VintageAndRareSandboxState state, string? @return) => Page("Login", Login(state.IssueCsrfToken(), @return, null)));
        site.MapPost("/account/login", LoginAsync);
        site.MapGet("/feed/inventory.xml", (VintageAndRareSandboxState state, string? key) => key == state.Options.FeedKey
            ? Results.Text(Feed(state.Listings), "application/xml", System.Text.Encoding.UTF8)
            : Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unknown feed key."));
        MapListings(site.MapGroup(string.Empty).AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var state = http.RequestServices.GetRequiredService<VintageAndRareSandboxState>();
            return state.IsSession(http.Request.Cookies[SessionCookie])
                ? await next(context)
                : Results.Redirect($"{P}/account/login?return={Uri.EscapeDataString(http.Request.Path + http.Request.QueryString)}");
        }));

        var control = app.MapGroup("/_sandbox/vintageandrare");
        control.MapPost("/faults", (VintageAndRareSandboxState state, FaultSwitches switches) =>
        {
            var faults = state.Options.Faults;
            faults.SlowPages = TimeSpan.FromMilliseconds(switches.SlowPagesMs);
            faults.FailSubmits = switches.FailSubmits;
            faults.HoldSubmitsAfterSave = switches.HoldSubmitsAfterSave;
            faults.ChangedSelector = switches.ChangedSelector;
            faults.NoShowPageAfterCreate = switches.NoShowPageAfterCreate;
            return Results.NoContent();
        });
        control.MapPost("/expire-sessions", (VintageAndRareSandboxState state) =>
        {
            state.ExpireSessions();
            return Results.NoContent();
        });
        return app;
    }

    private static async Task<IResult> LoginAsync(HttpContext http, VintageAndRareSandboxState state)
    {
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var returnUrl = form["return"].ToString();
        if (!state.ConsumeCsrfToken(form["csrf_token"]))
        {
            return Page("Login", Login(state.IssueCsrfToken(), returnUrl, "Your session has expired, please try again."), StatusCodes.Status403Forbidden);
        }

        if (state.Login(form["username"], form["password"]) is not { } session)
        {
            return Page("Login", Login(state.IssueCsrfToken(), returnUrl, "Wrong email or password."), StatusCodes.Status401Unauthorized);
        }

        http.Response.Cookies.Append(SessionCookie, session, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax, Path = "/" });
        return Results.Redirect(returnUrl.StartsWith(P + "/", StringComparison.Ordinal) ? returnUrl : $"{P}/account/items");
    }

    /// <summary>The dealer inventory feed: listings on sale (pending or active); sold and withdrawn ones drop out of it.</summary>
    private static string Feed(IReadOnlyList<VintageAndRareListing> listings) =>
        new System.Xml.Linq.XElement("inventory", listings.Where(l => l.StoredStatus is "pending" or "active").Select(l => new System.Xml.Linq.XElement("item",
            new System.Xml.Linq.XElement("id", l.Id), new System.Xml.Linq.XElement("sku", l.Sku), new System.Xml.Linq.XElement("title", l.Title),
            new System.Xml.Linq.XElement("price", Money(l.Price)), new System.Xml.Linq.XElement("quantity", l.Quantity),
            new System.Xml.Linq.XElement("status", l.StoredStatus)))).ToString();

    private static async Task<bool> HasCsrfAsync(HttpContext http, VintageAndRareSandboxState state) =>
        state.ConsumeCsrfToken((await http.Request.ReadFormAsync(http.RequestAborted))["csrf_token"]);

    /// <summary>The JSON body of <c>POST /_sandbox/vintageandrare/faults</c>.</summary>
    internal sealed record FaultSwitches(int SlowPagesMs, int FailSubmits, int HoldSubmitsAfterSave, bool ChangedSelector, bool NoShowPageAfterCreate);
}
