using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Marketplace.Sandbox.Shopify;

/// <summary>
/// The staged-upload target (a stand-in for the signed Google Cloud Storage form POST): policy fields first, the file
/// last, streamed to disk, rejected above the size limit with a GCS-style XML error.
/// </summary>
internal static class SandboxStagedUploads
{
    public static async Task<IResult> UploadAsync(HttpRequest request, ShopifySandbox sandbox, CancellationToken cancellationToken)
    {
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = null; // the policy's content-length-range is enforced below instead
        }

        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type) || HeaderUtilities.RemoveQuotes(type.Boundary).Value is not { Length: > 0 } boundary)
        {
            return Xml(400, "InvalidArgument", "POST requires a multipart/form-data body.");
        }

        var reader = new MultipartReader(boundary, request.Body);
        string? key = null;
        while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
        {
            var disposition = section.GetContentDispositionHeader();
            if (disposition is null)
            {
                continue;
            }

            if (!disposition.IsFileDisposition())
            {
                using var fieldReader = new StreamReader(section.Body);
                var value = await fieldReader.ReadToEndAsync(cancellationToken);
                if (disposition.Name.Value == "key")
                {
                    key = value;
                }

                continue;
            }

            if (key is null)
            {
                return Xml(400, "InvalidArgument", "The key field must come before the file.");
            }

            var path = sandbox.StagedPath(key);
            long written;
            await using (var file = File.Create(path))
            {
                await section.Body.CopyToAsync(file, cancellationToken);
                written = file.Length;
            }

            if (written > sandbox.Options.StagedUploadLimitBytes)
            {
                File.Delete(path);
                return Xml(400, "EntityTooLarge", $"Your proposed upload exceeds the maximum allowed size of {sandbox.Options.StagedUploadLimitBytes} bytes.");
            }

            var location = new Uri(new Uri($"{request.Scheme}://{request.Host}/"), "shopify-sandbox/staged-uploads/" + Uri.EscapeDataString(key));
            return Results.Text($"<?xml version='1.0' encoding='UTF-8'?><PostResponse><Location>{location}</Location><Bucket>shopify-staged-uploads</Bucket><Key>{key}</Key></PostResponse>", "application/xml", statusCode: 201);
        }

        return Xml(400, "InvalidArgument", "The form has no file field.");
    }

    public static IResult Download(long id, ShopifySandbox sandbox)
    {
        var path = sandbox.ResultPath(id);
        return File.Exists(path) ? Results.File(path, "application/jsonl") : Xml(404, "NoSuchKey", "The specified key does not exist.");
    }

    private static IResult Xml(int status, string code, string message) =>
        Results.Text($"<?xml version='1.0' encoding='UTF-8'?><Error><Code>{code}</Code><Message>{message}</Message></Error>", "application/xml", statusCode: status);
}
