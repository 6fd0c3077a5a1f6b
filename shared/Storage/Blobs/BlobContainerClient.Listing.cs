using System.Globalization;
using System.Runtime.CompilerServices;
using System.Xml.Linq;
using Azure.Core;

namespace Marketplace.Shared.Storage.Blobs;

public sealed partial class BlobContainerClient
{
    /// <summary>
    /// Lists the blobs whose names start with <paramref name="prefix"/> (all when null) in name order, with their
    /// properties and metadata. Pages of up to <paramref name="pageSize"/> entries (service default and maximum
    /// 5000) are fetched lazily as the sequence is enumerated, following the service's continuation marker.
    /// The listing is not a snapshot: blobs written during enumeration may or may not appear.
    /// </summary>
    public async IAsyncEnumerable<BlobItem> GetBlobsAsync(string? prefix = null, int? pageSize = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (pageSize is < 1 or > 5000)
        {
            throw new ArgumentOutOfRangeException(nameof(pageSize), pageSize, "A page holds 1 to 5000 blobs.");
        }

        string? marker = null;
        do
        {
            var (items, next) = await GetBlobsPageAsync(prefix, pageSize, marker, cancellationToken);
            foreach (var item in items)
            {
                yield return item;
            }

            marker = next;
        }
        while (!string.IsNullOrEmpty(marker));
    }

    private async Task<(List<BlobItem> Items, string? NextMarker)> GetBlobsPageAsync(string? prefix, int? pageSize, string? marker, CancellationToken cancellationToken)
    {
        var query = new List<(string, string)> { ("restype", "container"), ("comp", "list"), ("include", "metadata") };
        if (!string.IsNullOrEmpty(prefix))
        {
            query.Add(("prefix", prefix));
        }

        if (!string.IsNullOrEmpty(marker))
        {
            query.Add(("marker", marker));
        }

        if (pageSize is { } size)
        {
            query.Add(("maxresults", size.ToString(CultureInfo.InvariantCulture)));
        }

        using var message = BlobRequests.CreateMessage(_pipeline, RequestMethod.Get, Uri, [.. query]);
        var response = await BlobRequests.SendAsync(_pipeline, message, "List Blobs", cancellationToken, 200);
        var root = XDocument.Load(response.ContentStream!).Root
            ?? throw new InvalidOperationException("List Blobs returned an empty document.");
        var items = root.Element("Blobs")?.Elements("Blob").Select(ParseBlobItem).ToList() ?? [];
        return (items, root.Element("NextMarker")?.Value);
    }

    private static BlobItem ParseBlobItem(XElement blob)
    {
        var nameElement = blob.Element("Name");
        var name = nameElement?.Value ?? throw new InvalidOperationException("List Blobs returned a blob without a name.");
        if (nameElement.Attribute("Encoded")?.Value == "true")
        {
            name = Uri.UnescapeDataString(name);
        }

        var properties = blob.Element("Properties");
        string? Property(string element) => properties?.Element(element)?.Value;
        var metadata = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in blob.Element("Metadata")?.Elements() ?? [])
        {
            metadata[entry.Name.LocalName] = entry.Value;
        }

        return new BlobItem
        {
            Name = name,
            Metadata = metadata,
            Properties = new BlobItemProperties
            {
                ETag = BlobRequests.ParseListingETag(Property("Etag")),
                LastModified = BlobRequests.ParseDate(Property("Last-Modified")),
                CreatedOn = BlobRequests.ParseDate(Property("Creation-Time")),
                ContentLength = long.TryParse(Property("Content-Length"), NumberStyles.None, CultureInfo.InvariantCulture, out var length) ? length : null,
                ContentType = string.IsNullOrEmpty(Property("Content-Type")) ? null : Property("Content-Type"),
                LeaseState = BlobRequests.ParseLeaseState(Property("LeaseState")),
            },
        };
    }
}
