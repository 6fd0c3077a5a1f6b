namespace Marketplace.Shared.Ocr;

/// <summary>
/// Reads the text of one image (a record's cover, label or run-out groove). Implementations: <see cref="TesseractOcrReader"/>
/// (local, the default) and <see cref="DocumentIntelligenceOcrReader"/> (Azure AI Document Intelligence <c>prebuilt-read</c>).
/// Reading has no side effects, so a retried call is harmless.
/// </summary>
public interface IOcrReader
{
    /// <summary>The engine's name as reported in <see cref="OcrResult.Engine"/> (<c>tesseract</c>, <c>documentintelligence</c>).</summary>
    string Engine { get; }

    /// <summary>The lines of text found in <paramref name="image"/>, top to bottom, with their confidence.</summary>
    /// <exception cref="OcrUnavailableException">The engine cannot be reached or is not installed; callers carry on without OCR.</exception>
    /// <exception cref="OcrFailedException">The engine answered but could not read this image.</exception>
    Task<OcrResult> ReadAsync(ReadOnlyMemory<byte> image, string contentType, CancellationToken cancellationToken = default);
}

/// <summary>One line of recognised text; <see cref="Confidence"/> is 0-1 (the mean of its words').</summary>
public sealed record OcrLine(string Text, double Confidence);

/// <summary>What an engine read from one image.</summary>
public sealed record OcrResult(string Engine, IReadOnlyList<OcrLine> Lines)
{
    /// <summary>All lines joined by newlines.</summary>
    public string Text => string.Join('\n', Lines.Select(l => l.Text));
}

/// <summary>The OCR engine is not installed, not configured or not reachable: the pipeline continues on hints alone.</summary>
public sealed class OcrUnavailableException(string message, Exception? innerException = null) : Exception(message, innerException);

/// <summary>The engine answered but the analysis failed (bad image, unsupported format); <see cref="Code"/> is the engine's error code.</summary>
public sealed class OcrFailedException(string message, string? code = null, Exception? innerException = null) : Exception(message, innerException)
{
    /// <summary>The engine's error code, when it gave one.</summary>
    public string? Code { get; } = code;
}
