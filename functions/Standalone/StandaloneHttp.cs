using Marketplace.Functions.Hosting;
using Marketplace.Functions.Http;
using Microsoft.Azure.Functions.Worker;

namespace Marketplace.Functions.Standalone;

/// <summary>
/// Serves every HTTP function of the <see cref="FunctionIndex"/> on <c>/api/{Route}</c> with its methods, as the
/// Functions host does (route prefix <c>api</c>): non-anonymous functions first need a valid admin key (401 otherwise); admin routes read at most
/// <see cref="AdminOptions.MaxRequestBytes"/> (413 otherwise);
/// route values bind to parameters of the same name; an <see cref="IResult"/> returned is written as the response.
/// </summary>
internal static class StandaloneHttp
{
    public const string RoutePrefix = "api";
    private static readonly string[] AllMethods = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"];

    public static IEndpointRouteBuilder MapHttpFunctions(this IEndpointRouteBuilder app)
    {
        var index = app.ServiceProvider.GetRequiredService<FunctionIndex>();
        foreach (var (function, trigger) in index.OfTrigger<HttpTriggerAttribute>())
        {
            var methods = trigger.Methods is { Length: > 0 } m ? m.Select(x => x.ToUpperInvariant()).ToArray() : AllMethods;
            app.MapMethods(Pattern(function, trigger), methods, (HttpContext context) => ServeAsync(context, function, trigger))
                .WithName(function.Name);
        }

        return app;
    }

    /// <summary>The route as served: <c>/api/{Route}</c> (the function name when the trigger has no route).</summary>
    public static string Pattern(FunctionEntry function, HttpTriggerAttribute trigger) => "/" + RoutePrefix + "/" + (trigger.Route ?? function.Name);

    private static async Task ServeAsync(HttpContext context, FunctionEntry function, HttpTriggerAttribute trigger)
    {
        if (AdminKeyValidator.RequiresKey(trigger) && !context.RequestServices.GetRequiredService<AdminKeyValidator>().IsAuthorized(context.Request))
        {
            await AdminKeyValidator.Challenge.ExecuteAsync(context);
            return;
        }

        await RequestBodyLimit.RunAsync(context, trigger, async () =>
        {
            var bindingData = context.Request.RouteValues.ToDictionary(r => r.Key, r => r.Value, StringComparer.OrdinalIgnoreCase);
            var invoker = context.RequestServices.GetRequiredService<FunctionInvoker>();
            var result = await invoker.InvokeAsync(function, context.RequestServices, context.Request, bindingData, context.RequestAborted);
            if (result is IResult response)
            {
                await response.ExecuteAsync(context);
            }
        });
    }
}
