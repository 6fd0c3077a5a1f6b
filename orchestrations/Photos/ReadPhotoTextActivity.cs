using Marketplace.Shared.Ocr;
using Marketplace.Shared.Photos;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace Marketplace.Orchestrations.Photos;

/// <summary>
/// Reads one photo with the configured <see cref="IOcrReader"/>. OCR that is unavailable or fails on this photo is not an
/// error of the batch: the text comes back empty with the reason, and matching goes on with the other photos and the hints.
/// </summary>
public sealed partial class ReadPhotoTextActivity(PhotoBatchStore store, IOcrReader reader, ILogger<ReadPhotoTextActivity> logger) : TaskActivity<PhotoTextRequest, PhotoText>
{
    public override async Task<PhotoText> RunAsync(TaskActivityContext context, PhotoTextRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var image = input.Image;
        var content = await store.DownloadAsync(image.Blob, CancellationToken.None);
        try
        {
            var result = await reader.ReadAsync(content.ToMemory(), image.ContentType, CancellationToken.None);
            return new PhotoText(image.Role, image.Blob, result.Engine, [.. result.Lines.Select(l => new PhotoTextLine(l.Text, l.Confidence))]);
        }
        catch (Exception ex) when (ex is OcrUnavailableException or OcrFailedException)
        {
            LogNoText(logger, input.BatchId, image.Role, ex.Message);
            return new PhotoText(image.Role, image.Blob, reader.Engine, [], ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Photo batch {BatchId}: no text from the {Role} photo ({Reason}); matching goes on without it")]
    private static partial void LogNoText(ILogger logger, string batchId, string role, string reason);
}
