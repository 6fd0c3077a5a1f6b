using System.ComponentModel.DataAnnotations;

namespace Marketplace.Shared.Ocr;

/// <summary>Which OCR engine reads photos (section <c>Ocr</c>).</summary>
public sealed class OcrOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Ocr";

    /// <summary><c>tesseract</c> (default, local), <c>documentintelligence</c> (Azure, section <c>Ocr:DocumentIntelligence</c>) or <c>none</c>.</summary>
    [RegularExpression("^(?i)(tesseract|documentintelligence|none)$")]
    public string Engine { get; set; } = "tesseract";

    /// <summary>Tesseract settings (section <c>Ocr:Tesseract</c>).</summary>
    public TesseractOptions Tesseract { get; set; } = new();

    /// <summary>Document Intelligence settings (section <c>Ocr:DocumentIntelligence</c>).</summary>
    public DocumentIntelligenceClientOptions DocumentIntelligence { get; set; } = new();
}

/// <summary>How <see cref="TesseractOcrReader"/> runs the <c>tesseract</c> command (Debian package <c>tesseract-ocr</c>).</summary>
public sealed class TesseractOptions
{
    /// <summary>The executable, found on PATH by default.</summary>
    public string Command { get; set; } = "tesseract";

    /// <summary>Language data (<c>-l</c>); default <c>eng</c> (package <c>tesseract-ocr-eng</c>).</summary>
    public string Language { get; set; } = "eng";

    /// <summary>Page segmentation mode (<c>--psm</c>); 11 (sparse text) suits labels and run-out etchings.</summary>
    [Range(0, 13)]
    public int PageSegmentationMode { get; set; } = 11;

    /// <summary>Clean the photo with ImageMagick before reading it (default true; skipped when ImageMagick is missing).</summary>
    public bool Preprocess { get; set; } = true;

    /// <summary>The ImageMagick executable (Debian <c>imagemagick</c>: <c>convert</c>).</summary>
    public string ImageMagickCommand { get; set; } = "convert";

    /// <summary>The cleaning steps, as ImageMagick arguments between input and output.</summary>
    public string PreprocessArguments { get; set; } = "-colorspace Gray -deskew 40% -blur 0x1 -normalize -threshold 30%";

    /// <summary>How long one image may take before the read is abandoned (default 30 s).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}
