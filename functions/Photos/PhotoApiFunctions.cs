using System.Text.Json;
using Marketplace.Orchestrations.Photos;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Discogs;
using Marketplace.Shared.Photos;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Marketplace.Functions.Photos;

/// <summary>
/// The photo API (admin key): <c>POST /api/photos</c> takes a multipart batch (photos <c>cover</c>, <c>label</c>,
/// <c>runout</c>; hint fields), stores it under <c>photos/{batchId}/</c> and starts its match (202 with the status URL);
/// <c>GET /api/photos/{batchId}</c> reports the batch; <c>POST /api/photos/{batchId}/resolve</c> picks the release of an
/// unmatched batch (<c>{"releaseId": 123}</c>). The batch id comes from the content, so the same batch twice is one batch.
/// </summary>
internal sealed class PhotoApiFunctions(PhotoBatchStore store, PhotoOptions options, TimeProvider time, IServiceProvider services)
{
    [Function("PhotoUpload")]
    public async Task<IResult> UploadAsync([HttpTrigger(AuthorizationLevel.Function, "post", Route = "photos")] HttpRequest request, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType)
        {
            return Problem(StatusCodes.Status415UnsupportedMediaType, "body", "Send multipart/form-data with the photos and the hint fields.");
        }

        try
        {
            if (request.ContentLength > options.MaxBatchBytes + 65536)
            {
                throw new PhotoUploadException(StatusCodes.Status413PayloadTooLarge, "body", $"The upload is larger than {options.MaxBatchBytes} bytes.");
            }

            var form = await ReadFormAsync(request, cancellationToken);
            var hints = PhotoUpload.ReadHints(form);
            var photos = await PhotoUpload.ReadPhotosAsync(form, options, cancellationToken);
            var batchId = PhotoNames.BatchIdOf(photos.Select(p => (p.Role, p.Content.ToMemory())), JsonSerializer.Serialize(hints, CatalogJson.Options));
            var images = new List<PhotoImage>();
            foreach (var photo in photos)
            {
                var blob = $"{batchId}/{photo.Role}.{photo.Extension}";
                await store.UploadAsync(blob, photo.Content, photo.ContentType, cancellationToken);
                images.Add(new PhotoImage(photo.Role, blob, photo.ContentType, photo.Content.ToMemory().Length));
            }

            // The manifest goes last: a blob trigger that sees it knows every photo is there.
            await store.WriteManifestAsync(new PhotoBatchManifest(batchId, images, hints, time.GetUtcNow()), cancellationToken);
            var started = await services.GetRequiredService<PhotoMatchStarter>().StartAsync(batchId, settle: false, cancellationToken);
            var status = $"/api/photos/{batchId}";
            return Results.Json(new { batchId, started, statusUrl = status, images = images.Select(i => i.Blob) }, CatalogJson.Options, statusCode: StatusCodes.Status202Accepted)
                .WithLocation(status);
        }
        catch (PhotoUploadException ex)
        {
            return Problem(ex.Status, ex.Field, ex.Message);
        }
    }

    [Function("PhotoStatus")]
    public async Task<IResult> StatusAsync([HttpTrigger(AuthorizationLevel.Function, "get", Route = "photos/{batchId}")] HttpRequest request, string batchId, CancellationToken cancellationToken)
    {
        var record = await store.GetAsync(batchId, cancellationToken);
        var instance = PhotoNames.IsBatchId(batchId)
            ? await services.GetRequiredService<DurableTaskClient>().GetInstanceAsync(PhotoMatchStarter.InstanceIdOf(batchId), cancellationToken)
            : null;
        if (record is null && instance is null)
        {
            return Problem(StatusCodes.Status404NotFound, "batchId", $"There is no photo batch '{batchId}'.");
        }

        record ??= new PhotoBatchRecord { BatchId = batchId, Stage = "RECEIVED" };
        return Results.Json(new
        {
            record.BatchId,
            record.Stage,
            runtimeStatus = instance?.RuntimeStatus.ToString(),
            images = record.Images,
            hints = record.Hints,
            ocr = record.Texts.Select(t => new { t.Role, t.Engine, t.Text, t.Lines, t.Error }),
            candidates = record.Candidates,
            decision = record.Decision,
            sku = record.Draft?.Sku,
            changeSetId = record.Draft?.ChangeSetId,
            record.Error,
            record.UpdatedAt,
        }, CatalogJson.Options);
    }

    [Function("PhotoResolve")]
    public async Task<IResult> ResolveAsync([HttpTrigger(AuthorizationLevel.Function, "post", Route = "photos/{batchId}/resolve")] HttpRequest request, string batchId,
        CancellationToken cancellationToken)
    {
        if (await store.GetAsync(batchId, cancellationToken) is not { } record)
        {
            return Problem(StatusCodes.Status404NotFound, "batchId", $"There is no photo batch '{batchId}'.");
        }

        if (record.Stage != "UNMATCHED" || record.Error is not null)
        {
            return Problem(StatusCodes.Status409Conflict, "stage", $"Batch '{batchId}' is {record.Stage}; only a batch waiting as UNMATCHED can be resolved.");
        }

        var body = await ReadResolutionAsync(request, cancellationToken);
        if (body?.ReleaseId is not > 0)
        {
            return Problem(StatusCodes.Status400BadRequest, "releaseId", "Send {\"releaseId\": <Discogs release id>} (a candidate's id or any release).");
        }

        if (await services.GetRequiredService<DiscogsClient>().GetReleaseAsync(body.ReleaseId, cancellationToken) is null)
        {
            return Problem(StatusCodes.Status422UnprocessableEntity, "releaseId", $"Discogs has no release {body.ReleaseId}.");
        }

        var by = request.Headers["X-Actor"].FirstOrDefault() ?? "admin";
        await services.GetRequiredService<PhotoMatchStarter>().ResolveAsync(batchId, new PhotoResolution(body.ReleaseId, by), cancellationToken);
        return Results.Json(new { batchId, releaseId = body.ReleaseId, statusUrl = $"/api/photos/{batchId}" }, CatalogJson.Options, statusCode: StatusCodes.Status202Accepted);
    }

    private async Task<IFormCollection> ReadFormAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = options.MaxBatchBytes + 65536, ValueCountLimit = 32 }, cancellationToken);
        }
        catch (InvalidDataException ex)
        {
            throw new PhotoUploadException(StatusCodes.Status413PayloadTooLarge, "body", $"The upload cannot be read: {ex.Message}");
        }
    }

    private static async Task<ResolveBody?> ReadResolutionAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await JsonSerializer.DeserializeAsync<ResolveBody>(request.Body, CatalogJson.Options, cancellationToken);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static IResult Problem(int status, string field, string detail) =>
        Http.FunctionResults.FieldProblem(status, status switch
        {
            StatusCodes.Status404NotFound => "Not found.",
            StatusCodes.Status409Conflict => "Conflict with the current state.",
            StatusCodes.Status413PayloadTooLarge => "The upload is too large.",
            StatusCodes.Status415UnsupportedMediaType => "Unsupported media type.",
            _ => "The request is invalid.",
        }, field, detail);

    private sealed record ResolveBody(long ReleaseId);
}

/// <summary>Adds a <c>Location</c> header to a result.</summary>
internal static class LocationResultExtensions
{
    public static IResult WithLocation(this IResult result, string location) => new Located(result, location);

    private sealed class Located(IResult inner, string location) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.Location = location;
            return inner.ExecuteAsync(httpContext);
        }
    }
}
