using System.Globalization;
using System.Net;
using System.Text;

namespace Marketplace.Sandbox.VintageAndRare;

/// <summary>The site's pages: plain server-rendered HTML forms, as a dealer sees them.</summary>
internal static class VintageAndRareHtml
{
    private const string P = VintageAndRareSandboxOptions.Prefix;

    public static IResult Page(string title, string body, int status = StatusCodes.Status200OK) =>
        Results.Content($"<!doctype html><html><head><meta charset=\"utf-8\"><title>{E(title)} | Vintage & Rare</title></head>"
            + $"<body><header><a href=\"{P}/account/items\">My listings</a> <a href=\"{P}/instruments/add\">Add listing</a></header><main>{body}</main></body></html>",
            "text/html; charset=utf-8", Encoding.UTF8, status);

    public static string E(string? value) => WebUtility.HtmlEncode(value ?? string.Empty);

    public static string Login(string csrf, string? returnUrl, string? error) =>
        $"<h1>Dealer login</h1>{Errors(error is null ? [] : [error])}<form id=\"login-form\" method=\"post\" action=\"{P}/account/login\">"
        + $"<input type=\"hidden\" name=\"csrf_token\" value=\"{csrf}\"><input type=\"hidden\" name=\"return\" value=\"{E(returnUrl)}\">"
        + "<label>Email <input id=\"username\" name=\"username\" type=\"email\"></label>"
        + "<label>Password <input id=\"password\" name=\"password\" type=\"password\"></label>"
        + "<button id=\"login-submit\" type=\"submit\">Log in</button></form>";

    public static string AddForm(string csrf, bool changedSelector, IReadOnlyList<string> errors) =>
        $"<h1>Add a listing</h1>{Errors(errors)}<form id=\"add-listing\" method=\"post\" enctype=\"multipart/form-data\" action=\"{P}/instruments/add\">"
        + $"<input type=\"hidden\" name=\"csrf_token\" value=\"{csrf}\">"
        + "<label>SKU <input id=\"sku\" name=\"sku\" required></label>"
        + $"<label>Title <input id=\"{(changedSelector ? "listing_title" : "title")}\" name=\"title\" required></label>"
        + "<label>Brand <input id=\"brand\" name=\"brand\"></label><label>Model <input id=\"model\" name=\"model\"></label>"
        + "<label>Year <input id=\"year\" name=\"year\"></label>"
        + "<label>Price <input id=\"price\" name=\"price\" required></label><label>Quantity <input id=\"quantity\" name=\"quantity\" value=\"1\"></label>"
        + "<label>Condition <select id=\"condition\" name=\"condition\"><option value=\"\">-</option><option>Mint</option><option>Excellent</option>"
        + "<option>Very Good</option><option>Good</option><option>Fair</option></select></label>"
        + $"<label>Category <select id=\"category\" name=\"category\" required><option value=\"\">Choose</option>{Options(VintageAndRareSandboxState.Categories)}</select></label>"
        + $"<label>Shipping <select id=\"shipping_profile\" name=\"shipping_profile\" required><option value=\"\">Choose</option>{Options(VintageAndRareSandboxState.ShippingProfiles)}</select></label>"
        + "<label>Description <textarea id=\"description\" name=\"description\"></textarea></label>"
        + "<label>Photos <input id=\"photos\" name=\"photos\" type=\"file\" multiple accept=\"image/*\"></label>"
        + "<button id=\"add-submit\" type=\"submit\">Submit listing</button></form>";

    public static string Show(VintageAndRareListing l) =>
        $"<article class=\"instrument\" data-listing-id=\"{l.Id}\"><h1>{E(l.Title)}</h1>"
        + $"<dl><dt>Product id</dt><dd id=\"product-id\">{l.Id}</dd><dt>SKU</dt><dd id=\"sku\">{E(l.Sku)}</dd>"
        + $"<dt>Status</dt><dd id=\"status\">{l.StoredStatus}</dd><dt>Price</dt><dd id=\"price\">{Money(l.Price)}</dd>"
        + $"<dt>Quantity</dt><dd id=\"quantity\">{l.Quantity}</dd><dt>Category</dt><dd>{E(l.Category)}</dd>"
        + $"<dt>Shipping</dt><dd id=\"shipping\">{E(l.ShippingProfile)}</dd><dt>Photos</dt><dd id=\"photo-count\">{l.Photos.Count}</dd></dl>"
        + $"<div class=\"description\">{E(l.Description)}</div><a href=\"{P}/instruments/edit/{l.Id}\">Edit</a></article>";

    public static string Items(string? query, IReadOnlyList<VintageAndRareListing> listings) =>
        $"<h1>My listings</h1><form id=\"search\" method=\"get\" action=\"{P}/account/items\"><input id=\"search-sku\" name=\"q\" value=\"{E(query)}\">"
        + "<button id=\"search-submit\" type=\"submit\">Search</button></form><table id=\"listings\"><tr><th>Id</th><th>SKU</th><th>Title</th><th>Status</th></tr>"
        + string.Concat(listings.Select(l => $"<tr class=\"listing-row\" data-id=\"{l.Id}\" data-sku=\"{E(l.Sku)}\" data-status=\"{l.StoredStatus}\">"
            + $"<td>{l.Id}</td><td>{E(l.Sku)}</td><td><a href=\"{P}/instruments/show/{l.Id}\">{E(l.Title)}</a></td><td>{l.StoredStatus}</td></tr>"))
        + $"</table><a id=\"export\" href=\"{P}/account/items/export.csv\">Export CSV</a>";

    public static string Edit(VintageAndRareListing l, string csrf) =>
        $"<h1>Edit {E(l.Title)}</h1><form id=\"edit-listing\" method=\"post\" action=\"{P}/instruments/edit/{l.Id}\">"
        + $"<input type=\"hidden\" name=\"csrf_token\" value=\"{csrf}\">"
        + $"<label>Title <input id=\"title\" name=\"title\" value=\"{E(l.Title)}\"></label>"
        + $"<label>Price <input id=\"price\" name=\"price\" value=\"{Money(l.Price)}\"></label>"
        + $"<label>Quantity <input id=\"quantity\" name=\"quantity\" value=\"{l.Quantity}\"></label>"
        + $"<label>Shipping <select id=\"shipping_profile\" name=\"shipping_profile\">{Options(VintageAndRareSandboxState.ShippingProfiles, l.ShippingProfile)}</select></label>"
        + $"<label>Description <textarea id=\"description\" name=\"description\">{E(l.Description)}</textarea></label>"
        + "<button id=\"edit-submit\" type=\"submit\">Save</button></form>"
        + $"<form id=\"mark-sold\" method=\"post\" action=\"{P}/instruments/sold/{l.Id}\"><input type=\"hidden\" name=\"csrf_token\" value=\"{csrf}\">"
        + "<select id=\"sold-reason\" name=\"reason\"><option value=\"sold\">Sold</option><option value=\"withdrawn\">Withdrawn</option></select>"
        + "<button id=\"mark-sold-submit\" type=\"submit\">Mark as sold</button></form>";

    public static string Money(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Errors(IReadOnlyList<string> errors) =>
        errors.Count == 0 ? string.Empty : "<ul class=\"errors\">" + string.Concat(errors.Select(e => $"<li>{E(e)}</li>")) + "</ul>";

    private static string Options(IReadOnlyList<(string Value, string Label)> options, string? selected = null) =>
        string.Concat(options.Select(o => $"<option value=\"{o.Value}\"{(o.Value == selected ? " selected" : string.Empty)}>{E(o.Label)}</option>"));
}
