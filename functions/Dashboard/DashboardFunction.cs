using System.Collections.Frozen;
using Marketplace.Functions.Http;
using Microsoft.Azure.Functions.Worker;

namespace Marketplace.Functions.Dashboard;

/// <summary>
/// <c>GET /api/dashboard[/{file}]</c>: the operator dashboard's static files (HTML, ES modules, CSS, the vendored chart
/// library), published with the app in <c>dashboard/</c>. The files hold no data and no secret, so they are served
/// without a key: a browser cannot put a header on a page load, and a key in the URL would land in history and logs.
/// The page asks for the admin key and sends it in <c>x-functions-key</c> on every admin API call.
/// </summary>
internal sealed class DashboardFunction(DashboardAssets assets)
{
    public const string Name = "Dashboard";

    [Function(Name)]
    public IResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "dashboard/{*path}")] HttpRequest request, string? path)
    {
        // The page's relative links need the trailing slash (a <base> element is ruled out by the CSP).
        if (string.IsNullOrEmpty(path) && !request.Path.Value!.EndsWith('/'))
        {
            return Results.Redirect(request.PathBase + request.Path + "/");
        }

        if (!assets.TryGet(string.IsNullOrEmpty(path) ? "index.html" : path, out var asset))
        {
            return FunctionResults.Problem(StatusCodes.Status404NotFound, "No such dashboard file.");
        }

        var headers = request.HttpContext.Response.Headers;
        headers.CacheControl = "no-cache";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.XFrameOptions = "DENY";
        headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
        return Results.Bytes(asset.Content, asset.ContentType);
    }
}

/// <summary>The dashboard's files, read once from <c>{app folder}/dashboard</c>; only these names are ever served.</summary>
internal sealed class DashboardAssets
{
    public const string Folder = "dashboard";

    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private readonly FrozenDictionary<string, DashboardAsset> _files;

    public DashboardAssets()
    {
        var root = Path.Combine(AppContext.BaseDirectory, Folder);
        _files = (Directory.Exists(root) ? Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories) : [])
            .Where(f => ContentTypes.ContainsKey(Path.GetExtension(f)))
            .ToFrozenDictionary(
                f => Path.GetRelativePath(root, f).Replace('\\', '/'),
                f => new DashboardAsset(File.ReadAllBytes(f), ContentTypes[Path.GetExtension(f)]),
                StringComparer.Ordinal);
    }

    public bool TryGet(string path, out DashboardAsset asset) => _files.TryGetValue(path, out asset!);
}

internal sealed record DashboardAsset(byte[] Content, string ContentType);
