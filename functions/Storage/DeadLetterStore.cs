using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Marketplace.Functions.Webhooks;
using Microsoft.Extensions.Options;

namespace Marketplace.Functions.Storage;

/// <summary>A dead-lettered webhook as listed: its blob name (the id the admin API takes), platform, time and reason.</summary>
internal sealed record DeadLetterSummary(string Name, string Id, string Platform, DateTimeOffset ReceivedAt, string? Reason, long Bytes);

/// <summary>One dead letter with its headers and raw body (UTF-8 text when it decodes, else base64).</summary>
internal sealed record DeadLetterDetail(DeadLetterSummary Summary, IReadOnlyDictionary<string, string[]> Headers, string Body, bool BodyIsBase64);

/// <summary>What replaying a dead letter did.</summary>
internal sealed record DeadLetterOutcome(string Name, bool Done, string? Error);

/// <summary>
/// The dead-lettered webhooks of <c>{DeadLetterContainer}</c>: list, read, replay and discard. A replay checks the
/// signature again where the platform signs its deliveries (a forged delivery stays refused) and hands the delivery to the
/// inbox as if it had just arrived, so the queue handlers process it; the dead letter is removed once the inbox holds it.
/// </summary>
internal sealed class DeadLetterStore(BlobServiceClient blobs, IWebhookInbox inbox, WebhookVerifierRegistry verifiers, IOptions<WebhookOptions> options)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    // Reverb signs nothing (its secret path is not stored with the delivery); the queue handler fetches each order it
    // names from Reverb before stock changes, so a replayed Reverb delivery cannot invent a sale.
    private static readonly HashSet<string> ConfirmedByPlatform = new(StringComparer.OrdinalIgnoreCase) { "reverb" };
    private readonly BlobContainerClient _container = blobs.GetBlobContainerClient(options.Value.DeadLetterContainer);

    /// <summary>The newest <paramref name="limit"/> dead letters (names sort by platform and date; the list is re-sorted by time).</summary>
    public async Task<(IReadOnlyList<DeadLetterSummary> Items, int Total)> ListAsync(int limit, CancellationToken cancellationToken)
    {
        var all = new List<DeadLetterSummary>();
        try
        {
            await foreach (var blob in _container.GetBlobsAsync(cancellationToken: cancellationToken))
            {
                all.Add(Summarize(blob.Name, blob.Properties.ContentLength ?? 0, blob.Properties.CreatedOn));
            }
        }
        catch (RequestFailedException ex) when (ex.Status == StatusCodes.Status404NotFound)
        {
            return ([], 0);
        }

        var newest = all.OrderByDescending(d => d.ReceivedAt).Take(limit).ToList();
        var detailed = await Task.WhenAll(newest.Select(async d => (await GetAsync(d.Name, cancellationToken))?.Summary ?? d));
        return (detailed, all.Count);
    }

    /// <summary>Counts the dead letters (one listing, no downloads).</summary>
    public async Task<int> CountAsync(CancellationToken cancellationToken)
    {
        var count = 0;
        try
        {
            await foreach (var page in _container.GetBlobsAsync(cancellationToken: cancellationToken).AsPages(pageSizeHint: 5000))
            {
                count += page.Values.Count;
            }
        }
        catch (RequestFailedException ex) when (ex.Status == StatusCodes.Status404NotFound)
        {
            return 0;
        }

        return count;
    }

    public async Task<DeadLetterDetail?> GetAsync(string name, CancellationToken cancellationToken)
    {
        var envelope = await ReadAsync(name, cancellationToken);
        if (envelope is null)
        {
            return null;
        }

        var bytes = Convert.FromBase64String(envelope.BodyBase64 ?? string.Empty);
        var text = TryUtf8(bytes);
        var summary = new DeadLetterSummary(name, envelope.Id, envelope.Platform, envelope.ReceivedAt, envelope.Reason, bytes.Length);
        return new DeadLetterDetail(summary, envelope.Headers ?? new Dictionary<string, string[]>(), text ?? envelope.BodyBase64 ?? string.Empty, text is null);
    }

    /// <summary>Hands the stored delivery to the inbox again and removes the dead letter; refused when its signature still does not verify.</summary>
    public async Task<DeadLetterOutcome> ReplayAsync(string name, CancellationToken cancellationToken)
    {
        var envelope = await ReadAsync(name, cancellationToken);
        if (envelope is null)
        {
            return new DeadLetterOutcome(name, false, "No such dead letter.");
        }

        var headers = new Dictionary<string, string[]>(envelope.Headers ?? new Dictionary<string, string[]>(), StringComparer.OrdinalIgnoreCase);
        var delivery = new WebhookDelivery(envelope.Id, envelope.Platform, headers, Convert.FromBase64String(envelope.BodyBase64 ?? string.Empty), envelope.ReceivedAt);
        string? eventId = null;
        if (!ConfirmedByPlatform.Contains(envelope.Platform) && verifiers.TryGet(envelope.Platform, out var verifier))
        {
            var verification = await verifier.VerifyAsync(delivery, cancellationToken);
            if (verification.Outcome != WebhookVerificationOutcome.Verified)
            {
                return new DeadLetterOutcome(name, false, $"The signature still does not verify ({verification.Reason ?? verification.Outcome.ToString()}); discard it instead.");
            }

            eventId = verification.EventId;
        }

        await inbox.AcceptAsync(delivery, eventId, cancellationToken);
        await DiscardAsync(name, cancellationToken);
        return new DeadLetterOutcome(name, true, null);
    }

    public async Task<bool> DiscardAsync(string name, CancellationToken cancellationToken) =>
        IsValidName(name) && (await _container.GetBlobClient(name).DeleteIfExistsAsync(cancellationToken: cancellationToken)).Value;

    /// <summary>Names are the inbox's own: <c>{platform}/{yyyy}/{MM}/{dd}/{id}.json</c>.</summary>
    public static bool IsValidName(string name) =>
        name.Length is > 5 and < 300 && name.EndsWith(".json", StringComparison.Ordinal) && !name.Contains("..", StringComparison.Ordinal)
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '-' or '_' or '.');

    private async Task<WebhookEnvelope?> ReadAsync(string name, CancellationToken cancellationToken)
    {
        if (!IsValidName(name))
        {
            return null;
        }

        try
        {
            var content = await _container.GetBlobClient(name).DownloadContentAsync(cancellationToken);
            return content.Value.Content.ToObjectFromJson<WebhookEnvelope>(Json);
        }
        catch (RequestFailedException ex) when (ex.Status == StatusCodes.Status404NotFound)
        {
            return null;
        }
    }

    private static DeadLetterSummary Summarize(string name, long bytes, DateTimeOffset? created)
    {
        var parts = name.Split('/');
        return new DeadLetterSummary(name, Path.GetFileNameWithoutExtension(name), parts[0], created ?? DateTimeOffset.MinValue, null, bytes);
    }

    private static string? TryUtf8(byte[] bytes)
    {
        try
        {
            return new System.Text.UTF8Encoding(false, true).GetString(bytes);
        }
        catch (System.Text.DecoderFallbackException)
        {
            return null;
        }
    }
}
