using System.Globalization;
using System.Text;

namespace Marketplace.Shared.Ocr;

/// <summary>
/// <see cref="IOcrReader"/> over the local <c>tesseract</c> command (Debian <c>tesseract-ocr</c>). Photos are first cleaned
/// with ImageMagick (grey, deskewed, normalised, thresholded: labels and etchings on busy backgrounds read far better),
/// when <see cref="TesseractOptions.Preprocess"/> is on and ImageMagick is installed. Tesseract's TSV (one row per word with
/// its confidence) is grouped into lines by block, paragraph and line number. No tesseract is <see cref="OcrUnavailableException"/>.
/// </summary>
public sealed class TesseractOcrReader(TesseractOptions options) : IOcrReader
{
    /// <inheritdoc />
    public string Engine => "tesseract";

    /// <inheritdoc />
    public async Task<OcrResult> ReadAsync(ReadOnlyMemory<byte> image, string contentType, CancellationToken cancellationToken = default)
    {
        var input = image;
        if (options.Preprocess)
        {
            try
            {
                input = await ProcessPipe.RunAsync(options.ImageMagickCommand, ["-", .. options.PreprocessArguments.Split(' ', StringSplitOptions.RemoveEmptyEntries), "png:-"], image, options.Timeout, cancellationToken);
            }
            catch (OcrUnavailableException)
            {
                // Without ImageMagick Tesseract still reads clean photos.
            }
        }

        var tsv = await ProcessPipe.RunAsync(options.Command,
            ["stdin", "stdout", "-l", options.Language, "--psm", options.PageSegmentationMode.ToString(CultureInfo.InvariantCulture), "tsv"], input, options.Timeout, cancellationToken);
        return new OcrResult(Engine, ParseTsv(Encoding.UTF8.GetString(tsv)));
    }

    /// <summary>Lines from Tesseract's TSV (level 5 rows are words: block, paragraph, line, confidence 0-100, text).</summary>
    internal static IReadOnlyList<OcrLine> ParseTsv(string tsv)
    {
        var lines = new List<(string Key, List<string> Words, List<double> Confidences)>();
        foreach (var row in tsv.Split('\n').Skip(1))
        {
            var cells = row.TrimEnd('\r').Split('\t');
            if (cells.Length < 12 || cells[0] != "5" || string.IsNullOrWhiteSpace(cells[11])
                || !double.TryParse(cells[10], NumberStyles.Float, CultureInfo.InvariantCulture, out var confidence) || confidence < 0)
            {
                continue;
            }

            var key = $"{cells[1]}.{cells[2]}.{cells[3]}.{cells[4]}";
            if (lines.Count == 0 || lines[^1].Key != key)
            {
                lines.Add((key, [], []));
            }

            lines[^1].Words.Add(cells[11].Trim());
            lines[^1].Confidences.Add(confidence / 100d);
        }

        return lines.Select(l => new OcrLine(string.Join(' ', l.Words), Math.Round(l.Confidences.Average(), 3))).ToList();
    }
}
