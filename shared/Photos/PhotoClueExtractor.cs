using System.Text.RegularExpressions;

namespace Marketplace.Shared.Photos;

/// <summary>
/// Finds search keys in the hints and the OCR text of a batch: barcodes (12-13 digits with a valid UPC/EAN check digit),
/// catalog numbers (letters then digits, e.g. <c>SK 026</c>, <c>CK-63628</c>), label names (letter-only lines of the label
/// photo) and the run-out etching lines. Pure: the same text gives the same clues.
/// </summary>
public static partial class PhotoClueExtractor
{
    private const double MinConfidence = 0.3;

    public static PhotoClues Extract(PhotoHints hints, IReadOnlyList<PhotoText> texts)
    {
        ArgumentNullException.ThrowIfNull(hints);
        ArgumentNullException.ThrowIfNull(texts);
        string Lines(string role) => string.Join('\n', texts.Where(t => t.Role == role).SelectMany(t => t.Lines).Where(l => l.Confidence >= MinConfidence).Select(l => l.Text));
        var label = Lines("label");
        var cover = Lines("cover");
        var all = string.Join('\n', label, cover);

        var barcodes = new List<string>();
        AddDistinct(barcodes, Digits(hints.Barcode) is { Length: 12 or 13 } hinted ? hinted : null);
        foreach (Match match in BarcodePattern().Matches(string.Join('\n', all, Lines("runout"))))
        {
            AddDistinct(barcodes, Digits(match.Value) is { } digits && IsValidGtin(digits) ? digits : null);
        }

        var catalogNumbers = new List<string>();
        AddDistinct(catalogNumbers, hints.CatalogNumber?.Trim().ToUpperInvariant());
        foreach (Match match in CatalogPattern().Matches(all.ToUpperInvariant()))
        {
            AddDistinct(catalogNumbers, match.Value.Trim());
            // OCR reads a zero beside digits as the letter O (SKO26): try the digit too.
            AddDistinct(catalogNumbers, LetterOBesideDigit().Replace(match.Value.Trim(), "0"));
        }

        var labels = label.Split('\n').Select(l => l.Trim()).Where(l => l.Count(char.IsLetter) >= 3 && !l.Any(char.IsDigit)).Take(3).ToList();
        var matrix = texts.Where(t => t.Role == "runout").SelectMany(t => t.Lines)
            .Where(l => l.Confidence >= MinConfidence && l.Text.Count(char.IsLetterOrDigit) >= 4).Select(l => l.Text.Trim()).Take(4).ToList();
        return new PhotoClues(barcodes, catalogNumbers.Take(4).ToList(), labels, matrix, Blank(hints.Artist), Blank(hints.Title), label, cover);
    }

    /// <summary>True for a 12-digit UPC-A or 13-digit EAN-13 whose check digit is right.</summary>
    public static bool IsValidGtin(string digits)
    {
        if (digits.Length is not (12 or 13) || !digits.All(char.IsAsciiDigit))
        {
            return false;
        }

        var sum = 0;
        for (var i = digits.Length - 2; i >= 0; i--)
        {
            var weight = (digits.Length - 2 - i) % 2 == 0 ? 3 : 1;
            sum += (digits[i] - '0') * weight;
        }

        return (10 - sum % 10) % 10 == digits[^1] - '0';
    }

    /// <summary>Upper-case letters and digits only: how identifiers are compared (<c>SK 026</c> = <c>SK-026</c>).</summary>
    public static string Compact(string? value) => new((value ?? string.Empty).Where(char.IsAsciiLetterOrDigit).Select(char.ToUpperInvariant).ToArray());

    /// <summary><see cref="Compact"/> with the letters OCR confuses with digits folded to them (O to 0, I to 1), for fuzzy comparison.</summary>
    public static string Fold(string? value) => Compact(value).Replace('O', '0').Replace('I', '1');

    public static string Digits(string? value) => new((value ?? string.Empty).Where(char.IsAsciiDigit).ToArray());

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static void AddDistinct(List<string> list, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value) && !list.Any(v => Compact(v) == Compact(value)))
        {
            list.Add(value);
        }
    }

    [GeneratedRegex(@"O(?=\d)|(?<=\d)O")]
    private static partial Regex LetterOBesideDigit();

    [GeneratedRegex(@"(?<!\d)\d(?:[ \-]?\d){11,12}(?!\d)")]
    private static partial Regex BarcodePattern();

    // Two to six letters, an optional separator, two to six digits and an optional short suffix (SK 026, CK-63628, 8BP086 is caught by the hint/q search).
    [GeneratedRegex(@"(?<![A-Z0-9])[A-Z]{2,6}[ \-.]?\d{2,6}(?:[ \-]?[A-Z]{1,2}\b)?(?![0-9])")]
    private static partial Regex CatalogPattern();
}
