using System.Net;
using System.Text.Json;
using Marketplace.Shared.Marketplaces;

namespace Marketplace.Shared.Ebay;

public sealed partial class EbayClient
{
    /// <summary>eBay's errorId for "a user error", used among others when an offer for the SKU already exists.</summary>
    internal const int OfferAlreadyExistsErrorId = 25002;

    internal static IReadOnlyList<EbayError> ParseErrors(string body)
    {
        try
        {
            var envelope = JsonSerializer.Deserialize<EbayErrorEnvelope>(body, Json);
            return envelope?.Errors?.Select(ToError).ToList() ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    internal static EbayError ToError(EbayErrorEntry e) => new(
        e.ErrorId,
        e.Domain,
        e.Category,
        e.Message ?? e.LongMessage ?? "(no message)",
        (e.Parameters ?? []).GroupBy(p => p.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Value ?? string.Empty, StringComparer.Ordinal));

    private async Task<MarketplaceException> CreateExceptionAsync(HttpResponseMessage response, string operation, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var requestId = Header(response, "X-EBAY-C-REQUEST-ID") ?? Header(response, "rlogid");
        var errors = ParseErrors(body);
        var first = errors.Count > 0 ? $"errorId {errors[0].ErrorId}: {errors[0].Message}" : "no error envelope";
        var parameters = errors.Count > 0 && errors[0].Parameters.Count > 0
            ? " (" + string.Join(", ", errors[0].Parameters.Select(p => $"{p.Key}={p.Value}")) + ")"
            : string.Empty;
        var message = $"eBay {operation} failed with HTTP {(int)response.StatusCode}, {first}{parameters}.";

        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            if (response.Headers.RetryAfter is null)
            {
                var resetsAt = EbayCalendar.NextReset(_time.GetUtcNow());
                return new MarketplaceQuotaExceededException(MarketplacePlatform.Ebay, $"{message} The daily call limit is used up; it resets at {resetsAt:O}.", resetsAt, response.StatusCode, requestId, body);
            }

            return new MarketplaceRateLimitException(MarketplacePlatform.Ebay, message, response.Headers.RetryAfter.Delta, response.StatusCode, requestId, body);
        }

        return new EbayException(message, errors, response.StatusCode, requestId, body);
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
