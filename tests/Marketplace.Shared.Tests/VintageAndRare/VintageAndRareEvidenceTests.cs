using System.Buffers.Binary;
using System.Text;
using Azure.Storage.Blobs;
using Marketplace.Shared.VintageAndRare;
using Marketplace.TestSupport;
using Shouldly;
using Xunit;

namespace Marketplace.Shared.Tests.VintageAndRare;

[Trait("Category", "Integration")]
public sealed class VintageAndRareEvidenceTests : VintageAndRareTestBase
{
    [ChromiumFact]
    public async Task Upsert_WhenTheSiteChangedASelector_FailsWithAScreenshotAndTheHtmlInBlobStorage()
    {
        Site.State.Options.Faults.ChangedSelector = true;

        var ex = await Should.ThrowAsync<VintageAndRareException>(() =>
            CreateConnector(TimeSpan.FromSeconds(2)).UpsertListingAsync(Draft("VR-SEL", [])));

        var png = (await Blob(ex.Screenshot.ShouldNotBeNull()).DownloadContentAsync()).Value.Content.ToArray();
        png[..8].ShouldBe(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A });
        Encoding.ASCII.GetString(png, 12, 4).ShouldBe("IHDR");
        BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)).ShouldBeGreaterThan(100);
        BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)).ShouldBeGreaterThan(100);
        var html = (await Blob(ex.Html.ShouldNotBeNull()).DownloadContentAsync()).Value.Content.ToString();
        html.ShouldContain("id=\"listing_title\"");
        ex.Message.ShouldContain("/instruments/add");
        ex.Message.ShouldContain(ex.Screenshot.ToString(), Case.Sensitive, "the attempt log and the audit keep the message: it links the evidence");
        Site.State.Listings.ShouldBeEmpty();
    }

    [ChromiumFact]
    public async Task Upsert_WhenSubmitAnswers500_FailsTransientlyWithEvidence_AndTheRetryCreatesOneListing()
    {
        var photos = await UploadPhotosAsync(1);
        Site.State.Options.Faults.FailSubmits = 1;
        var connector = CreateConnector();

        var ex = await Should.ThrowAsync<VintageAndRareException>(() => connector.UpsertListingAsync(Draft("VR-500", photos)));
        await connector.UpsertListingAsync(Draft("VR-500", photos));

        ex.Status.ShouldBe(System.Net.HttpStatusCode.InternalServerError);
        ex.IsTransient.ShouldBeTrue();
        (await Blob(ex.Html.ShouldNotBeNull()).DownloadContentAsync()).Value.Content.ToString().ShouldContain("something went wrong (500)");
        Site.State.Listings.ShouldHaveSingleItem().Sku.ShouldBe("VR-500");
    }

    private BlobClient Blob(Uri uri) =>
        Blobs.GetBlobContainerClient(Container).GetBlobClient(Uri.UnescapeDataString(uri.AbsolutePath).Split('/', 4)[3]);
}
