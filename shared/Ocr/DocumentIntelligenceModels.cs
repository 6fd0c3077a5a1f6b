using System.Text.Json.Serialization;

namespace Marketplace.Shared.Ocr;

/// <summary>
/// The analyze operation as <c>GET .../analyzeResults/{resultId}</c> returns it: <see cref="Status"/> is <c>notStarted</c>,
/// <c>running</c>, <c>succeeded</c>, <c>failed</c> or <c>canceled</c>.
/// </summary>
public sealed record DocumentAnalyzeOperation(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("analyzeResult")] DocumentAnalyzeResult? AnalyzeResult = null,
    [property: JsonPropertyName("error")] DocumentIntelligenceError? Error = null);

/// <summary>An error of the service (<c>{"error":{"code","message"}}</c>).</summary>
public sealed record DocumentIntelligenceError(
    [property: JsonPropertyName("code")] string? Code,
    [property: JsonPropertyName("message")] string? Message);

/// <summary>The result of a read: the whole <see cref="Content"/> and the pages with their lines and words.</summary>
public sealed record DocumentAnalyzeResult(
    [property: JsonPropertyName("modelId")] string? ModelId,
    [property: JsonPropertyName("content")] string? Content,
    [property: JsonPropertyName("pages")] IReadOnlyList<DocumentPage>? Pages);

/// <summary>One page; words carry confidence, lines point at the content by spans.</summary>
public sealed record DocumentPage(
    [property: JsonPropertyName("pageNumber")] int PageNumber,
    [property: JsonPropertyName("words")] IReadOnlyList<DocumentWord>? Words,
    [property: JsonPropertyName("lines")] IReadOnlyList<DocumentLine>? Lines);

/// <summary>A word with its confidence (0-1) and its span in the content.</summary>
public sealed record DocumentWord(
    [property: JsonPropertyName("content")] string Content,
    [property: JsonPropertyName("confidence")] double Confidence,
    [property: JsonPropertyName("span")] DocumentSpan? Span);

/// <summary>A line of text and the spans of the content it covers.</summary>
public sealed record DocumentLine(
    [property: JsonPropertyName("content")] string Content,
    [property: JsonPropertyName("spans")] IReadOnlyList<DocumentSpan>? Spans);

/// <summary>A range of the result's content.</summary>
public sealed record DocumentSpan(
    [property: JsonPropertyName("offset")] int Offset,
    [property: JsonPropertyName("length")] int Length);
