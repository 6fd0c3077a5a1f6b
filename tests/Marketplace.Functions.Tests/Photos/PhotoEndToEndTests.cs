using System.Net;
using System.Text.Json.Nodes;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Audit;
using Marketplace.Shared.Catalog.ChangeSets;
using Marketplace.Shared.Catalog.Products;
using Marketplace.TestSupport;
using Marketplace.TestSupport.Photos;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;

namespace Marketplace.Functions.Tests.Photos;

/// <summary>
/// Photo to draft end to end on Azurite and the Discogs sandbox: upload through the API, OCR with Tesseract, the
/// PhotoMatch orchestration on the durable worker, the DRAFT product and its change set; unmatched batches and their resolution.
/// </summary>
[Trait("Category", "Integration")]
public sealed class PhotoEndToEndTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task UploadedLabelAndRunout_BecomeOneDraft_WithTheRightRelease_EvenUploadedTwice()
    {
        await using var app = await PhotoApp.StartAsync(azurite);
        var photos = new Dictionary<string, byte[]> { ["label"] = await PhotoApp.LabelPhotoAsync(4), ["runout"] = await PhotoApp.RunoutPhotoAsync(4) };
        var hints = new Dictionary<string, string> { ["price"] = "24.50", ["condition"] = "VERY_GOOD" };

        using var first = await app.UploadAsync(photos, hints);
        first.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var accepted = JsonNode.Parse(await first.Content.ReadAsStringAsync())!;
        var batchId = accepted["batchId"]!.GetValue<string>();
        first.Headers.Location!.ToString().ShouldBe($"/api/photos/{batchId}");
        var status = await app.WaitForStageAsync(batchId, "DRAFTED");
        using var second = await app.UploadAsync(photos, hints);

        status["stage"]!.GetValue<string>().ShouldBe("DRAFTED", status.ToJsonString());
        status["decision"]!["releaseId"]!.GetValue<long>().ShouldBe(SyntheticReleases.IdOf(4));
        status["ocr"]!.AsArray().Count.ShouldBe(2);
        status["candidates"]!.AsArray()[0]!["score"]!.GetValue<double>().ShouldBeGreaterThanOrEqualTo(50);
        var sku = status["sku"]!.GetValue<string>();
        var product = (await app.App.Services.GetRequiredService<ProductCatalog>().GetAsync(sku)).ShouldNotBeNull();
        product.Status.ShouldBe(ProductStatus.Draft);
        product.Identifiers!.DiscogsReleaseId.ShouldBe(SyntheticReleases.IdOf(4));
        product.BasePrice.ShouldBe(24.50m);
        product.Condition.ShouldBe(ProductCondition.VeryGood);
        product.Images.Select(i => i.Alt).ShouldBe(["label", "runout"]);
        product.Title.ShouldContain(SyntheticReleases.Create(4)["title"]!.GetValue<string>());

        var secondBody = JsonNode.Parse(await second.Content.ReadAsStringAsync())!;
        secondBody["batchId"]!.GetValue<string>().ShouldBe(batchId);
        secondBody["started"]!.GetValue<bool>().ShouldBeFalse();
        var changeSets = await app.App.Services.GetRequiredService<ChangeSetService>().ListAsync(sku).ToListAsync();
        var changeSet = changeSets.ShouldHaveSingleItem();
        changeSet.Status.ShouldBe(ChangeSetStatus.Pending);
        changeSet.Changes.ShouldHaveSingleItem().Field.ShouldBe("status");
        status["changeSetId"]!.GetValue<string>().ShouldBe(changeSet.Id);
        var audit = await app.App.Services.GetRequiredService<AuditLog>().QueryAsync(new AuditQuery(Sku: "photo-" + batchId)).Select(a => a.Action).ToListAsync();
        audit.ShouldContain("photo.received");
        audit.ShouldContain("photo.ocr");
        audit.ShouldContain("photo.draft");
    }

    [Fact]
    public async Task BatchMatchingNothingWell_IsUnmatchedWithCandidates_UntilTheOperatorPicksOne()
    {
        await using var app = await PhotoApp.StartAsync(azurite);
        var cover = await PhotoImages.RenderAsync(PhotoStyle.Label, ["Greatest Hits", "Live"], 21, 2);

        using var upload = await app.UploadAsync(new Dictionary<string, byte[]> { ["cover"] = cover }, new Dictionary<string, string> { ["artist"] = "Dust Choir" });
        var batchId = JsonNode.Parse(await upload.Content.ReadAsStringAsync())!["batchId"]!.GetValue<string>();
        var unmatched = await app.WaitForStageAsync(batchId, "UNMATCHED");

        unmatched["stage"]!.GetValue<string>().ShouldBe("UNMATCHED", unmatched.ToJsonString());
        unmatched["sku"].ShouldBeNull();
        var candidates = unmatched["candidates"]!.AsArray();
        candidates.Count.ShouldBeGreaterThan(1);
        candidates.ShouldAllBe(c => c!["artist"]!.GetValue<string>() == "Dust Choir" && c["score"]!.GetValue<double>() < 50);
        unmatched["ocr"]![0]!["text"]!.GetValue<string>().ShouldContain("Greatest Hits");
        var chosen = candidates[1]!["releaseId"]!.GetValue<long>();

        using var unknown = await app.Http.PostAsync($"/api/photos/{batchId}/resolve", JsonContent("{\"releaseId\": 4242}"));
        using var resolve = await app.Http.PostAsync($"/api/photos/{batchId}/resolve", JsonContent($"{{\"releaseId\": {chosen}}}"));
        var drafted = await app.WaitForStageAsync(batchId, "DRAFTED");

        unknown.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        resolve.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        drafted["decision"]!["releaseId"]!.GetValue<long>().ShouldBe(chosen);
        (await app.App.Services.GetRequiredService<ProductCatalog>().GetAsync(drafted["sku"]!.GetValue<string>()))!.Identifiers!.DiscogsReleaseId.ShouldBe(chosen);
    }

    [Fact]
    public async Task PhotosDroppedStraightIntoABatchFolder_StartTheSamePipeline_OncePerBatch()
    {
        await using var app = await PhotoApp.StartAsync(azurite);
        var container = app.App.Services.GetRequiredService<Marketplace.Shared.Photos.PhotoBatchStore>().Container;
        await container.CreateIfNotExistsAsync();
        const string batchId = "shop-drop-7";
        var label = await PhotoApp.LabelPhotoAsync(7);
        var runout = await PhotoApp.RunoutPhotoAsync(7);

        // Dropped one after the other, as a shop's sync tool would: the batch waits Photos:SettleDelay for the second.
        await container.UploadBlobAsync($"{batchId}/label.jpg", new BinaryData(label));
        await container.UploadBlobAsync($"{batchId}/runout.jpg", new BinaryData(runout));
        var status = await app.WaitForStageAsync(batchId, "DRAFTED");

        status["stage"]!.GetValue<string>().ShouldBe("DRAFTED", status.ToJsonString());
        status["decision"]!["releaseId"]!.GetValue<long>().ShouldBe(SyntheticReleases.IdOf(7));
        status["images"]!.AsArray().Count.ShouldBe(2);
        var audit = await app.App.Services.GetRequiredService<AuditLog>().QueryAsync(new AuditQuery(Sku: "photo-" + batchId)).Select(a => a.Action).ToListAsync();
        audit.Count(a => a == "photo.received").ShouldBe(1);
    }

    [Fact]
    public async Task BadUploads_AreProblemDetails()
    {
        await using var app = await PhotoApp.StartAsync(azurite, releases: 0);

        using var notImage = await app.UploadAsync(new Dictionary<string, byte[]> { ["label"] = "GIF89a not really"u8.ToArray() });
        using var unknownPart = await app.UploadAsync(new Dictionary<string, byte[]> { ["back"] = [0xFF, 0xD8, 0xFF, 0xE0] });
        using var badPrice = await app.UploadAsync(new Dictionary<string, byte[]> { ["label"] = [0xFF, 0xD8, 0xFF, 0xE0] }, new Dictionary<string, string> { ["price"] = "free" });
        using var none = await app.UploadAsync(new Dictionary<string, byte[]>(), new Dictionary<string, string> { ["artist"] = "x" });
        using var missing = await app.Http.GetAsync("/api/photos/0123456789abcdef0123");
        using var anonymous = new HttpClient { BaseAddress = app.Http.BaseAddress };

        notImage.StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
        unknownPart.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        badPrice.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        none.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        missing.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        notImage.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = JsonNode.Parse(await badPrice.Content.ReadAsStringAsync())!.AsObject();
        problem["field"]!.GetValue<string>().ShouldBe("price");
        problem["errors"]!["price"]!.AsArray().ShouldHaveSingleItem()!.GetValue<string>().ShouldContain("positive price");
        (problem["status"]!.GetValue<int>(), problem["title"]!.GetValue<string>()).ShouldBe((400, "The request is invalid."));
        problem["type"].ShouldNotBeNull();
        JsonNode.Parse(await missing.Content.ReadAsStringAsync())!["errors"]!.AsObject().ShouldContainKey("batchId");
        (await app.App.CreateClient().GetAsync("/api/photos/0123456789abcdef0123")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    private static StringContent JsonContent(string json) => new(json, System.Text.Encoding.UTF8, "application/json");
}
