using Marketplace.Shared.VintageAndRare;
using Shouldly;
using Xunit;

namespace Marketplace.Shared.Tests.VintageAndRare;

public sealed class VintageAndRareExportRowTests
{
    [Fact]
    public async Task Parse_ReadsConfiguredColumnsInAnyOrder_WithQuotedCommasAndEmptySoldAt()
    {
        const string csv = "sku,status,product_id,title,price,sold_at,quantity\n"
            + "\"LH-1, left\",SOLD,301,\"Strat \"\"LH\"\"\",1299.50,2026-01-05T10:00:00.0000000+00:00,1\n"
            + "LH-2,pending,302,Tele,800,,3\n";

        var rows = await VintageAndRareExportRow.ParseAsync(csv, new VintageAndRareSelectors());

        rows.ShouldBe([
            new VintageAndRareExportRow("301", "LH-1, left", "sold", 1299.50m, DateTimeOffset.Parse("2026-01-05T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture), "Strat \"LH\"", 1),
            new VintageAndRareExportRow("302", "LH-2", "pending", 800m, null, "Tele", 3),
        ]);
    }

    [Fact]
    public async Task Parse_RenamedColumnsInOptions_AreFollowed()
    {
        var selectors = new VintageAndRareSelectors { CsvId = "ID", CsvSku = "Stock number" };

        var rows = await VintageAndRareExportRow.ParseAsync("ID,Stock number,status\n9,AB-1,active\n", selectors);

        rows.ShouldHaveSingleItem().ShouldBe(new VintageAndRareExportRow("9", "AB-1", "active", null, null));
    }
}
