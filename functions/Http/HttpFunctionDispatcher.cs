using Marketplace.Functions.Catalog;

namespace Marketplace.Functions.Http;

/// <summary>
/// Runs an HTTP function for both delivery paths (ASP.NET Core routes and the host's <c>Data.req</c>):
/// <c>function</c>-level routes first need a valid admin key (401 otherwise), then the handler runs.
/// </summary>
internal sealed class HttpFunctionDispatcher(AdminKeyValidator keys, FunctionInvoker invoker)
{
    public async Task<(HttpFunctionResponse Response, IReadOnlyList<string> Logs)> DispatchAsync(
        FunctionDefinition definition, HttpFunctionRequest request, string? invocationId, CancellationToken cancellationToken)
    {
        var trigger = (HttpTrigger)definition.Trigger;
        if (!string.Equals(trigger.AuthLevel, HttpTrigger.Anonymous, StringComparison.OrdinalIgnoreCase) && !keys.IsAuthorized(request))
        {
            var challenge = HttpFunctionResponse.Problem(StatusCodes.Status401Unauthorized, "A valid key is required.",
                $"Send the key in the '{AdminKeyValidator.HeaderName}' header or the '{AdminKeyValidator.QueryName}' query parameter.");
            return (challenge, []);
        }

        return await invoker.InvokeAsync<IHttpFunction, HttpFunctionResponse>(definition, invocationId, (h, ct) => h.HandleAsync(request, ct), cancellationToken);
    }
}
