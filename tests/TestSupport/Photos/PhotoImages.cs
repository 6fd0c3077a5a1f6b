using System.Diagnostics;
using System.Globalization;

namespace Marketplace.TestSupport.Photos;

/// <summary>How a generated photo looks.</summary>
public enum PhotoStyle
{
    /// <summary>Dark print on a mottled, colourful paper label.</summary>
    Label,

    /// <summary>Light etching on dark, grainy vinyl.</summary>
    Runout,
}

/// <summary>
/// Renders photo-like test images with ImageMagick (<c>convert</c>, Debian <c>imagemagick</c>): text on a textured
/// background, rotated by a few degrees and with Gaussian noise, as a JPEG.
/// </summary>
public static class PhotoImages
{
    public static async Task<byte[]> RenderAsync(PhotoStyle style, IReadOnlyList<string> lines, int seed, double rotateDegrees)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var args = new List<string>();
        if (style == PhotoStyle.Label)
        {
            args.AddRange(["-size", "900x600", "-seed", seed.ToString(CultureInfo.InvariantCulture), (seed % 2 == 0 ? "plasma:khaki-olive" : "plasma:tan-sienna"), "-blur", "0x2",
                "-gravity", "center", "-fill", "#101010", "-font", "DejaVu-Sans-Bold"]);
        }
        else
        {
            args.AddRange(["-size", "900x300", "-seed", seed.ToString(CultureInfo.InvariantCulture), "xc:#2a2a2a", "-attenuate", "0.6", "+noise", "Gaussian", "-blur", "0x2",
                "-gravity", "center", "-fill", "#b0b0b0", "-font", "DejaVu-Sans-Mono"]);
        }

        var step = style == PhotoStyle.Label ? 90 : 70;
        for (var i = 0; i < lines.Count; i++)
        {
            var y = (int)((i - (lines.Count - 1) / 2.0) * step);
            args.AddRange(["-pointsize", (style == PhotoStyle.Label && i == 0 ? 46 : 40).ToString(CultureInfo.InvariantCulture),
                "-annotate", (y >= 0 ? "+0+" : "+0") + y.ToString(CultureInfo.InvariantCulture), lines[i]]);
        }

        args.AddRange(["-background", "#808080", "-rotate", rotateDegrees.ToString("0.##", CultureInfo.InvariantCulture), "-attenuate", "0.3", "+noise", "Gaussian", "-quality", "90", "jpg:-"]);
        var start = new ProcessStartInfo("convert") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        args.ForEach(start.ArgumentList.Add);
        start.Environment["MAGICK_THREAD_LIMIT"] = "1";
        using var process = Process.Start(start)!;
        using var output = new MemoryStream();
        var copy = process.StandardOutput.BaseStream.CopyToAsync(output);
        var error = process.StandardError.ReadToEndAsync();
        await Task.WhenAll(copy, process.WaitForExitAsync());
        return process.ExitCode == 0 ? output.ToArray() : throw new InvalidOperationException($"convert failed: {await error}");
    }
}
