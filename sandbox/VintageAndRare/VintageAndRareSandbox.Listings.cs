using System.Globalization;
using System.Text;
using static Marketplace.Sandbox.VintageAndRare.VintageAndRareHtml;

namespace Marketplace.Sandbox.VintageAndRare;

public static partial class VintageAndRareSandbox
{
    private static void MapListings(RouteGroupBuilder site)
    {
        site.MapGet("/instruments/add", (VintageAndRareSandboxState state) =>
            Page("Add listing", AddForm(state.IssueCsrfToken(), state.Options.Faults.ChangedSelector, [])));
        site.MapPost("/instruments/add", AddAsync);
        site.MapGet("/instruments/show/{id:long}", (VintageAndRareSandboxState state, long id) =>
            state.Get(id) is { } l ? Page(l.Title, Show(l)) : Page("Not found", "<h1>Instrument not found</h1>", StatusCodes.Status404NotFound));
        site.MapGet("/account/items", (VintageAndRareSandboxState state, string? q) => Page("My listings", Items(q, state.Search(q))));
        site.MapGet("/account/items/export.csv", (VintageAndRareSandboxState state) => Results.Text(Csv(state.Listings), "text/csv", Encoding.UTF8));
        site.MapGet("/instruments/edit/{id:long}", (VintageAndRareSandboxState state, long id) =>
            state.Get(id) is { } l ? Page("Edit", Edit(l, state.IssueCsrfToken())) : Page("Not found", "<h1>Instrument not found</h1>", StatusCodes.Status404NotFound));
        site.MapPost("/instruments/edit/{id:long}", EditAsync);
        site.MapPost("/instruments/sold/{id:long}", async (HttpContext http, VintageAndRareSandboxState state, long id) =>
        {
            if (state.Get(id) is not { } listing)
            {
                return Page("Not found", "<h1>Instrument not found</h1>", StatusCodes.Status404NotFound);
            }

            if (!await HasCsrfAsync(http, state))
            {
                return Page("Forbidden", "<h1>Invalid form token</h1>", StatusCodes.Status403Forbidden);
            }

            state.MarkSold(listing, (await http.Request.ReadFormAsync(http.RequestAborted))["reason"].ToString());
            return Results.Redirect($"{P}/instruments/show/{id}");
        });
    }

    private static async Task<IResult> AddAsync(HttpContext http, VintageAndRareSandboxState state)
    {
        var faults = state.Options.Faults;
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        if (!state.ConsumeCsrfToken(form["csrf_token"]))
        {
            return Page("Forbidden", "<h1>Invalid form token</h1>", StatusCodes.Status403Forbidden);
        }

        if (faults.FailSubmits > 0)
        {
            faults.FailSubmits--;
            return Page("Error", "<h1>We're sorry, something went wrong (500)</h1>", StatusCodes.Status500InternalServerError);
        }

        var errors = new List<string>();
        string Required(string field, string label)
        {
            var value = form[field].ToString().Trim();
            if (value.Length == 0)
            {
                errors.Add($"{label} is required.");
            }

            return value;
        }

        var sku = Required("sku", "SKU");
        var title = Required("title", "Title");
        var category = Required("category", "Category");
        var shipping = Required("shipping_profile", "Shipping profile");
        var priceOk = decimal.TryParse(Required("price", "Price"), NumberStyles.Number, CultureInfo.InvariantCulture, out var price) && price > 0;
        var photos = form.Files.GetFiles("photos").Where(f => f.Length > 0).ToList();
        errors.AddRange(new[]
        {
            priceOk ? null : "Price must be a positive number.",
            photos.Count > 0 ? null : "At least one photo is required.",
            category.Length == 0 || VintageAndRareSandboxState.Categories.Any(c => c.Value == category) ? null : "Unknown category.",
        }.OfType<string>());
        if (errors.Count > 0)
        {
            return Page("Add listing", AddForm(state.IssueCsrfToken(), faults.ChangedSelector, errors), StatusCodes.Status422UnprocessableEntity);
        }

        var listing = state.Add((id, now) => new VintageAndRareListing
        {
            Id = id, Sku = sku, Title = title, Category = category, ShippingProfile = shipping, Price = price, CreatedAt = now,
            Brand = form["brand"].ToString(), Model = form["model"].ToString(), Year = form["year"].ToString(),
            Condition = form["condition"].ToString(), Description = form["description"].ToString(),
            Quantity = int.TryParse(form["quantity"], CultureInfo.InvariantCulture, out var q) && q > 0 ? q : 1,
            Photos = photos.Select(f => (f.FileName, f.Length)).ToList(),
        });
        if (faults.HoldSubmitsAfterSave > 0)
        {
            faults.HoldSubmitsAfterSave--;
            await Task.Delay(faults.HoldDelay, state.Time, http.RequestAborted).ContinueWith(static _ => { }, TaskScheduler.Default);
        }

        return faults.NoShowPageAfterCreate
            ? Page("Thank you", "<h1>Thank you! Your listing is awaiting review.</h1>")
            : Results.Redirect($"{P}/instruments/show/{listing.Id}");
    }

    private static async Task<IResult> EditAsync(HttpContext http, VintageAndRareSandboxState state, long id)
    {
        if (state.Get(id) is not { } listing)
        {
            return Page("Not found", "<h1>Instrument not found</h1>", StatusCodes.Status404NotFound);
        }

        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        if (!state.ConsumeCsrfToken(form["csrf_token"]))
        {
            return Page("Forbidden", "<h1>Invalid form token</h1>", StatusCodes.Status403Forbidden);
        }

        if (!decimal.TryParse(form["price"], NumberStyles.Number, CultureInfo.InvariantCulture, out var price) || price <= 0
            || !int.TryParse(form["quantity"], CultureInfo.InvariantCulture, out var quantity) || quantity < 0)
        {
            return Page("Edit", "<ul class=\"errors\"><li>Price and quantity must be numbers.</li></ul>" + Edit(listing, state.IssueCsrfToken()), StatusCodes.Status422UnprocessableEntity);
        }

        listing.Title = form["title"].ToString() is { Length: > 0 } title ? title : listing.Title;
        listing.Description = form["description"].ToString();
        listing.ShippingProfile = form["shipping_profile"].ToString() is { Length: > 0 } s ? s : listing.ShippingProfile;
        listing.Price = price;
        listing.Quantity = quantity;
        if (quantity > 0 && listing.StoredStatus is "withdrawn" or "sold")
        {
            listing.StoredStatus = "pending";
        }

        return Results.Redirect($"{P}/instruments/show/{id}");
    }

    private static string Csv(IReadOnlyList<VintageAndRareListing> listings)
    {
        var csv = new StringBuilder("product_id,sku,title,price,quantity,status,category,shipping_profile,created_at,sold_at\n");
        foreach (var l in listings)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{l.Id},{Quote(l.Sku)},{Quote(l.Title)},{Money(l.Price)},{l.Quantity},{l.StoredStatus},{l.Category},{Quote(l.ShippingProfile)},")
                .Append(l.CreatedAt.ToString("O", CultureInfo.InvariantCulture)).Append(',').Append(l.SoldAt?.ToString("O", CultureInfo.InvariantCulture)).Append('\n');
        }

        return csv.ToString();
    }

    private static string Quote(string value) => "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
