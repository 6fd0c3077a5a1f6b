using System.Globalization;
using Marketplace.Shared.Catalog.Products;
using Marketplace.Shared.Photos;

namespace Marketplace.Functions.Photos;

/// <summary>An accepted photo: its role, the type its bytes say and its extension.</summary>
internal sealed record UploadedPhoto(string Role, string ContentType, string Extension, BinaryData Content);

/// <summary>
/// Checks an upload batch: parts named <c>cover</c>, <c>label</c>, <c>runout</c> (each at most once), sizes per image and
/// per batch, the type from the bytes themselves (JPEG, PNG, WebP, TIFF; whatever the client claims), and the hint fields.
/// A problem is a <see cref="PhotoUploadException"/> with the HTTP status and the field at fault.
/// </summary>
internal static class PhotoUpload
{
    private static readonly HashSet<string> HintFields = ["artist", "title", "catalogNumber", "barcode", "condition", "price", "currency"];

    public static async Task<IReadOnlyList<UploadedPhoto>> ReadPhotosAsync(IFormCollection form, PhotoOptions options, CancellationToken cancellationToken)
    {
        if (form.Files.Count == 0)
        {
            throw new PhotoUploadException(StatusCodes.Status400BadRequest, "files", "Send at least one photo as a multipart part named cover, label or runout.");
        }

        var photos = new List<UploadedPhoto>();
        foreach (var file in form.Files)
        {
            var role = file.Name.Trim().ToLowerInvariant();
            if (!PhotoNames.Roles.Contains(role) || photos.Any(p => p.Role == role))
            {
                throw new PhotoUploadException(StatusCodes.Status400BadRequest, file.Name,
                    $"Photo part '{file.Name}' is not one of cover, label, runout, or is sent twice.");
            }

            if (file.Length > options.MaxImageBytes)
            {
                throw new PhotoUploadException(StatusCodes.Status413PayloadTooLarge, role, $"The {role} photo has {file.Length} bytes; at most {options.MaxImageBytes} are accepted.");
            }

            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, cancellationToken);
            var bytes = buffer.ToArray();
            var (type, extension) = Sniff(bytes) ?? throw new PhotoUploadException(StatusCodes.Status415UnsupportedMediaType, role,
                $"The {role} photo is not a JPEG, PNG, WebP or TIFF image (checked by its first bytes).");
            photos.Add(new UploadedPhoto(role, type, extension, BinaryData.FromBytes(bytes)));
        }

        var total = photos.Sum(p => p.Content.ToMemory().Length);
        return total > options.MaxBatchBytes
            ? throw new PhotoUploadException(StatusCodes.Status413PayloadTooLarge, "files", $"The photos have {total} bytes together; at most {options.MaxBatchBytes} are accepted.")
            : photos;
    }

    public static PhotoHints ReadHints(IFormCollection form)
    {
        if (form.Keys.FirstOrDefault(k => !HintFields.Contains(k)) is { } unknown)
        {
            throw new PhotoUploadException(StatusCodes.Status400BadRequest, unknown, $"'{unknown}' is not a hint; hints are {string.Join(", ", HintFields)}.");
        }

        string? Value(string name) => form.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.ToString().Trim() : null;
        decimal? price = null;
        if (Value("price") is { } text)
        {
            price = decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed) && parsed > 0 ? parsed
                : throw new PhotoUploadException(StatusCodes.Status400BadRequest, "price", $"'{text}' is not a positive price such as 24.99.");
        }

        var condition = Value("condition");
        if (condition is not null && !Enum.TryParse<ProductCondition>(condition.Replace("_", string.Empty, StringComparison.Ordinal), ignoreCase: true, out _))
        {
            throw new PhotoUploadException(StatusCodes.Status400BadRequest, "condition", $"'{condition}' is not one of {string.Join(", ", Enum.GetNames<ProductCondition>())}.");
        }

        return new PhotoHints
        {
            Artist = Value("artist"),
            Title = Value("title"),
            CatalogNumber = Value("catalogNumber"),
            Barcode = Value("barcode"),
            Condition = condition,
            Price = price,
            Currency = Value("currency")?.ToUpperInvariant(),
        };
    }

    /// <summary>The image type from the file signature, or null.</summary>
    internal static (string ContentType, string Extension)? Sniff(ReadOnlySpan<byte> bytes) => bytes switch
    {
        [0xFF, 0xD8, 0xFF, ..] => ("image/jpeg", "jpg"),
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, ..] => ("image/png", "png"),
        [(byte)'R', (byte)'I', (byte)'F', (byte)'F', _, _, _, _, (byte)'W', (byte)'E', (byte)'B', (byte)'P', ..] => ("image/webp", "webp"),
        [(byte)'I', (byte)'I', 0x2A, 0x00, ..] or [(byte)'M', (byte)'M', 0x00, 0x2A, ..] => ("image/tiff", "tif"),
        _ => null,
    };
}

/// <summary>An upload the API refuses: <see cref="Status"/> (400, 413, 415) and the form field at fault.</summary>
internal sealed class PhotoUploadException(int status, string field, string message) : Exception(message)
{
    public int Status { get; } = status;

    public string Field { get; } = field;
}
