extern alias sandbox;

using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Marketplace.Functions.Tests.Support;
using Marketplace.TestSupport;
using Marketplace.TestSupport.Photos;
using sandbox::Marketplace.Sandbox.Discogs;

namespace Marketplace.Functions.Tests.Photos;

/// <summary>The functions app (standalone, durable worker on, Azurite) pointed at an in-process Discogs sandbox seeded with synthetic releases.</summary>
internal sealed class PhotoApp : IAsyncDisposable
{
    private PhotoApp(DiscogsSandboxServer discogs, FunctionsAppFactory app)
    {
        Discogs = discogs;
        App = app;
        Http = app.CreateClient();
        Http.DefaultRequestHeaders.Add("x-functions-key", FunctionsAppFactory.AdminKey);
    }

    public DiscogsSandboxServer Discogs { get; }

    public FunctionsAppFactory App { get; }

    public HttpClient Http { get; }

    public static async Task<PhotoApp> StartAsync(AzuriteFixture azurite, int releases = 12)
    {
        var discogs = await DiscogsSandboxServer.StartAsync(o => o.RateLimit = 600);
        for (var i = 0; i < releases; i++)
        {
            discogs.State.AddRelease(SyntheticReleases.Create(i));
        }

        var settings = FunctionsAppFactory.StandaloneSettings(azurite.ConnectionString, AzuriteFixture.UniqueName("state"));
        settings["Sync:WorkerEnabled"] = "true";
        settings["Sync:TaskHub"] = AzuriteFixture.UniqueName("hub");
        settings["Photos:Container"] = AzuriteFixture.UniqueName("photos");
        settings["Photos:TableName"] = AzuriteFixture.UniqueName("photobatches");
        settings["Photos:SettleDelay"] = "00:00:02";
        settings["Discogs:Token"] = discogs.State.Options.Token;
        settings["Discogs:ApiBaseUrl"] = discogs.BaseUrl.ToString();
        settings["Discogs:UserAgent"] = "MarketplaceTests/1.0 +https://example.test";
        settings["Discogs:RateLimit"] = "600";
        return new PhotoApp(discogs, new FunctionsAppFactory(settings));
    }

    /// <summary>Posts a multipart batch: photos by role, hint fields.</summary>
    public Task<HttpResponseMessage> UploadAsync(IReadOnlyDictionary<string, byte[]> photos, IReadOnlyDictionary<string, string>? hints = null)
    {
        var form = new MultipartFormDataContent();
        foreach (var (role, bytes) in photos)
        {
            var part = new ByteArrayContent(bytes);
            part.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
            form.Add(part, role, role + ".jpg");
        }

        foreach (var (name, value) in hints ?? new Dictionary<string, string>())
        {
            form.Add(new StringContent(value), name);
        }

        return Http.PostAsync("/api/photos", form);
    }

    /// <summary>Polls the status route until the batch reaches <paramref name="stage"/>.</summary>
    public async Task<JsonObject> WaitForStageAsync(string batchId, string stage)
    {
        JsonObject? status = null;
        await Eventually.WaitAsync(async () =>
        {
            using var response = await Http.GetAsync($"/api/photos/{batchId}");
            status = response.IsSuccessStatusCode ? JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject() : null;
            return status?["stage"]?.GetValue<string>() is { } current && (current == stage || current == "FAILED");
        }, $"batch {batchId} to reach {stage}", 90);
        return status!;
    }

    public static async Task<byte[]> LabelPhotoAsync(int index) =>
        await PhotoImages.RenderAsync(PhotoStyle.Label, SyntheticReleases.LabelLines(SyntheticReleases.Create(index)), index, 3);

    public static async Task<byte[]> RunoutPhotoAsync(int index) =>
        await PhotoImages.RenderAsync(PhotoStyle.Runout, SyntheticReleases.RunoutLines(SyntheticReleases.Create(index)), index, -2);

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.DisposeAsync();
        await Discogs.DisposeAsync();
    }
}
