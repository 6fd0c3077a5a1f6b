using Marketplace.Functions.Http;
using Marketplace.Orchestrations.Operations.Images;
using Marketplace.Shared.Catalog;
using Microsoft.Azure.Functions.Worker;

namespace Marketplace.Functions.Operations;

/// <summary>
/// <c>POST /api/admin/images/check[?sku=&amp;platform=&amp;dryRun=true]</c>: starts an image check per platform (every
/// configured one, or <c>platform</c>, repeatable) for one SKU or every live listing; a dry run only lists what it would
/// re-upload. Answers 202 with each run's instance id and status URL (the report is the instance's output).
/// </summary>
internal sealed class ImageCheckFunction(ImageRemediationStarter starter)
{
    public const string Name = "ImageCheck";

    [Function(Name)]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "admin/images/check")] HttpRequest request, CancellationToken cancellationToken)
    {
        var platforms = new List<Platform>();
        foreach (var name in request.Query["platform"])
        {
            if (!PlatformNames.TryParse(name, out var platform) || !starter.Platforms.Contains(platform))
            {
                return FunctionResults.Problem(StatusCodes.Status400BadRequest, "The platform cannot be checked.",
                    $"'{name}' is not one of: {string.Join(", ", starter.Platforms.Select(p => p.ToWire()))}.");
            }

            platforms.Add(platform);
        }

        var dryRunText = request.Query["dryRun"].ToString();
        if (!bool.TryParse(dryRunText.Length == 0 ? "false" : dryRunText, out var dryRun))
        {
            return FunctionResults.Problem(StatusCodes.Status400BadRequest, "dryRun must be true or false.", $"Got '{dryRunText}'.");
        }

        var sku = request.Query["sku"].ToString() is { Length: > 0 } value ? value.Trim() : null;
        var started = await starter.StartAsync(platforms, sku, dryRun, cancellationToken);
        return FunctionResults.Json(StatusCodes.Status202Accepted, new
        {
            sku,
            dryRun,
            runs = started.Select(s => new { platform = s.Key.ToWire(), id = s.Value, statusUrl = $"/api/admin/sync/instances/{Uri.EscapeDataString(s.Value)}" }),
        });
    }
}
