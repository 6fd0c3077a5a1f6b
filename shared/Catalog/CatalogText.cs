namespace Marketplace.Shared.Catalog;

/// <summary>How error messages quote what the user sent: never more than a few dozen characters of it.</summary>
internal static class CatalogText
{
    public const int MaxQuoted = 40;

    /// <summary><paramref name="text"/> trimmed, cut at <see cref="MaxQuoted"/> characters with an ellipsis.</summary>
    public static string Excerpt(string? text)
    {
        var trimmed = (text ?? string.Empty).Trim();
        return trimmed.Length <= MaxQuoted ? trimmed : trimmed[..MaxQuoted].TrimEnd() + "…";
    }
}
