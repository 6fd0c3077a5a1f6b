using Marketplace.Functions.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace Marketplace.Functions.Hosting;

/// <summary>
/// Under the Functions host: the same admin key check the standalone host makes before a non-anonymous HTTP
/// function runs (the host checks its own function keys first; the app accepts only <c>Admin__Keys</c>), and the
/// same admin request size limit (413 problem details).
/// </summary>
internal sealed class AdminKeyWorkerMiddleware(FunctionIndex index, AdminKeyValidator keys) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        if (!index.TryGet(context.FunctionDefinition.Name, out var function) || function.Trigger is not HttpTriggerAttribute trigger
            || context.GetHttpContext() is not { } http)
        {
            await next(context);
            return;
        }

        if (AdminKeyValidator.RequiresKey(trigger) && !keys.IsAuthorized(http.Request))
        {
            await AdminKeyValidator.Challenge.ExecuteAsync(http);
            return;
        }

        await RequestBodyLimit.RunAsync(http, trigger, () => next(context));
    }
}
