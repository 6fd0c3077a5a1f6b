using System.Globalization;
using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Marketplace.Shared.Storage;

/// <summary>
/// Signs each request (each retry too, since the date changes) with the SharedKey scheme
/// documented for the Blob and Queue services, or the Table service's own variant.
/// </summary>
internal sealed class SharedKeyAuthenticationPolicy : HttpPipelineSynchronousPolicy
{
    private readonly StorageSharedKeyCredential _credential;
    private readonly StorageService _service;
    private readonly TimeProvider _timeProvider;

    public SharedKeyAuthenticationPolicy(StorageSharedKeyCredential credential, StorageService service, TimeProvider? timeProvider = null)
    {
        _credential = credential;
        _service = service;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    public override void OnSendingRequest(HttpMessage message)
    {
        var request = message.Request;
        var date = _timeProvider.GetUtcNow().ToString("R", CultureInfo.InvariantCulture);
        request.Headers.SetValue("x-ms-date", date);
        var stringToSign = _service == StorageService.Table
            ? BuildTableStringToSign(request, date)
            : BuildBlobQueueStringToSign(request);
        var signature = _credential.ComputeHmacSha256(stringToSign);
        request.Headers.SetValue(HttpHeader.Names.Authorization, $"SharedKey {_credential.AccountName}:{signature}");
    }

    internal string BuildBlobQueueStringToSign(Request request)
    {
        var contentLength = request.Content is not null && request.Content.TryComputeLength(out var length) && length > 0
            ? length.ToString(CultureInfo.InvariantCulture)
            : string.Empty;
        var builder = new StringBuilder();
        builder.Append(request.Method.Method).Append('\n');
        builder.Append(Header(request, "Content-Encoding")).Append('\n');
        builder.Append(Header(request, "Content-Language")).Append('\n');
        builder.Append(contentLength).Append('\n');
        builder.Append(Header(request, "Content-MD5")).Append('\n');
        builder.Append(Header(request, "Content-Type")).Append('\n');
        builder.Append('\n'); // Date: x-ms-date is signed among the canonicalized headers instead.
        builder.Append(Header(request, "If-Modified-Since")).Append('\n');
        builder.Append(Header(request, "If-Match")).Append('\n');
        builder.Append(Header(request, "If-None-Match")).Append('\n');
        builder.Append(Header(request, "If-Unmodified-Since")).Append('\n');
        builder.Append(Header(request, "Range")).Append('\n');
        foreach (var header in request.Headers
            .Where(h => h.Name.StartsWith("x-ms-", StringComparison.OrdinalIgnoreCase))
            .Select(h => (Name: h.Name.ToLowerInvariant(), Value: h.Value.Trim()))
            .OrderBy(h => h.Name, StringComparer.Ordinal))
        {
            builder.Append(header.Name).Append(':').Append(header.Value).Append('\n');
        }

        var uri = request.Uri.ToUri();
        builder.Append('/').Append(_credential.AccountName).Append(uri.AbsolutePath);
        foreach (var (name, values) in ParseQuery(uri.Query).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            builder.Append('\n').Append(name).Append(':').Append(string.Join(',', values.Order(StringComparer.Ordinal)));
        }

        return builder.ToString();
    }

    internal string BuildTableStringToSign(Request request, string date)
    {
        var uri = request.Uri.ToUri();
        var resource = new StringBuilder().Append('/').Append(_credential.AccountName).Append(uri.AbsolutePath);
        var comp = ParseQuery(uri.Query).FirstOrDefault(p => p.Key == "comp");
        if (comp.Value is not null)
        {
            resource.Append("?comp=").Append(comp.Value[0]);
        }

        return string.Join('\n', request.Method.Method, Header(request, "Content-MD5"), Header(request, "Content-Type"), date, resource.ToString());
    }

    private static string Header(Request request, string name) =>
        request.Headers.TryGetValue(name, out var value) ? value : string.Empty;

    private static Dictionary<string, List<string>> ParseQuery(string query)
    {
        var result = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var pair in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]).ToLowerInvariant();
            var value = equals < 0 ? string.Empty : Uri.UnescapeDataString(pair[(equals + 1)..]);
            if (!result.TryGetValue(name, out var list))
            {
                result[name] = list = [];
            }

            list.Add(value);
        }

        return result;
    }
}
