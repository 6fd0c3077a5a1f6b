namespace Marketplace.Shared.Ocr;

/// <summary>
/// <see cref="IOcrReader"/> over <see cref="DocumentIntelligenceClient"/> (<c>prebuilt-read</c>): the lines of every page,
/// each with the mean confidence of the words inside its spans (the service gives confidence per word only).
/// </summary>
public sealed class DocumentIntelligenceOcrReader(DocumentIntelligenceClient client) : IOcrReader
{
    /// <inheritdoc />
    public string Engine => "documentintelligence";

    /// <inheritdoc />
    public async Task<OcrResult> ReadAsync(ReadOnlyMemory<byte> image, string contentType, CancellationToken cancellationToken = default) =>
        new(Engine, ToLines(await client.AnalyzeAsync(image, cancellationToken)));

    /// <summary>The lines of <paramref name="result"/> in page order with their confidence.</summary>
    public static IReadOnlyList<OcrLine> ToLines(DocumentAnalyzeResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var lines = new List<OcrLine>();
        foreach (var page in result.Pages ?? [])
        {
            var words = page.Words ?? [];
            foreach (var line in page.Lines ?? [])
            {
                var inside = words.Where(w => w.Span is { } s && (line.Spans ?? []).Any(l => s.Offset >= l.Offset && s.Offset + s.Length <= l.Offset + l.Length)).ToList();
                lines.Add(new OcrLine(line.Content, inside.Count == 0 ? 0 : Math.Round(inside.Average(w => w.Confidence), 3)));
            }
        }

        return lines;
    }
}
