using System.Globalization;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Marketplace.Shared.Storage.Blobs;

/// <summary>Request building and response reading shared by the blob clients.</summary>
internal static class BlobRequests
{
    private const string MetadataPrefix = "x-ms-meta-";

    public static HttpMessage CreateMessage(HttpPipeline pipeline, RequestMethod method, Uri uri, params (string Name, string Value)[] query)
    {
        var message = pipeline.CreateMessage();
        message.Request.Method = method;
        message.Request.Uri.Reset(uri);
        foreach (var (name, value) in query)
        {
            message.Request.Uri.AppendQuery(name, value);
        }

        return message;
    }

    /// <summary>Sends and throws <see cref="RequestFailedException"/> unless the status is one of <paramref name="expected"/>.</summary>
    public static async Task<Response> SendAsync(HttpPipeline pipeline, HttpMessage message, string operation, CancellationToken cancellationToken, params int[] expected)
    {
        await pipeline.SendAsync(message, cancellationToken);
        var response = message.Response;
        if (Array.IndexOf(expected, response.Status) < 0)
        {
            throw StorageErrors.CreateException(response, operation);
        }

        return response;
    }

    public static void ApplyConditions(Request request, RequestConditions? conditions)
    {
        if (conditions is null)
        {
            return;
        }

        if (conditions.IfMatch is { } ifMatch)
        {
            request.Headers.SetValue("If-Match", ifMatch.ToString("H"));
        }

        if (conditions.IfNoneMatch is { } ifNoneMatch)
        {
            request.Headers.SetValue("If-None-Match", ifNoneMatch.ToString("H"));
        }

        if (conditions.IfModifiedSince is { } modifiedSince)
        {
            request.Headers.SetValue("If-Modified-Since", modifiedSince.ToString("R", CultureInfo.InvariantCulture));
        }

        if (conditions.IfUnmodifiedSince is { } unmodifiedSince)
        {
            request.Headers.SetValue("If-Unmodified-Since", unmodifiedSince.ToString("R", CultureInfo.InvariantCulture));
        }

        if (conditions is BlobRequestConditions { LeaseId: { } leaseId })
        {
            request.Headers.SetValue("x-ms-lease-id", leaseId);
        }
    }

    public static void ApplyHttpHeaders(Request request, BlobHttpHeaders? headers)
    {
        SetIfPresent(request, "x-ms-blob-content-type", headers?.ContentType);
        SetIfPresent(request, "x-ms-blob-content-encoding", headers?.ContentEncoding);
        SetIfPresent(request, "x-ms-blob-content-language", headers?.ContentLanguage);
        SetIfPresent(request, "x-ms-blob-content-disposition", headers?.ContentDisposition);
        SetIfPresent(request, "x-ms-blob-cache-control", headers?.CacheControl);
    }

    public static void ApplyMetadata(Request request, IDictionary<string, string>? metadata)
    {
        foreach (var (name, value) in metadata ?? new Dictionary<string, string>())
        {
            if (string.IsNullOrWhiteSpace(name) || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') || char.IsAsciiDigit(name[0]))
            {
                throw new ArgumentException($"Blob metadata name '{name}' is not a valid C# identifier (letters, digits, '_').", nameof(metadata));
            }

            request.Headers.SetValue(MetadataPrefix + name, value);
        }
    }

    public static Dictionary<string, string> ReadMetadata(Response response)
    {
        var metadata = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in response.Headers)
        {
            if (header.Name.StartsWith(MetadataPrefix, StringComparison.OrdinalIgnoreCase))
            {
                metadata[header.Name[MetadataPrefix.Length..]] = header.Value;
            }
        }

        return metadata;
    }

    public static ETag ReadETag(Response response) => response.Headers.ETag ?? default;

    public static DateTimeOffset ReadDate(Response response, string name) =>
        ReadOptionalDate(response, name) ?? default;

    public static DateTimeOffset? ReadOptionalDate(Response response, string name) =>
        response.Headers.TryGetValue(name, out var value) ? ParseDate(value) : null;

    public static DateTimeOffset? ParseDate(string? value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date) ? date : null;

    public static string? ReadHeader(Response response, string name) =>
        response.Headers.TryGetValue(name, out var value) ? value : null;

    public static BlobContentInfo ReadContentInfo(Response response) =>
        new() { ETag = ReadETag(response), LastModified = ReadDate(response, "Last-Modified") };

    /// <summary>
    /// An ETag from an XML listing, normalised to the form Azure.Core gives header ETags (surrounding quotes
    /// removed) so that listing and header ETags compare equal.
    /// </summary>
    public static ETag ParseListingETag(string? value) =>
        string.IsNullOrEmpty(value) ? default
        : new ETag(value.Length > 1 && value[0] == '"' && value[^1] == '"' ? value[1..^1] : value);

    public static LeaseState? ParseLeaseState(string? value) =>
        Enum.TryParse<LeaseState>(value, ignoreCase: true, out var state) ? state : null;

    public static LeaseStatus? ParseLeaseStatus(string? value) =>
        Enum.TryParse<LeaseStatus>(value, ignoreCase: true, out var status) ? status : null;

    public static LeaseDurationType? ParseLeaseDuration(string? value) =>
        Enum.TryParse<LeaseDurationType>(value, ignoreCase: true, out var duration) ? duration : null;

    /// <summary>Escapes each path segment of a blob name, keeping '/' as the virtual directory separator.</summary>
    public static string EscapeBlobName(string blobName) =>
        string.Join('/', blobName.Split('/').Select(Uri.EscapeDataString));

    private static void SetIfPresent(Request request, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            request.Headers.SetValue(name, value);
        }
    }
}
