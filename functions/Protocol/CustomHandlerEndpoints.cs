using System.Text.Json;
using Marketplace.Functions.Catalog;
using Marketplace.Functions.Http;

namespace Marketplace.Functions.Protocol;

/// <summary>
/// The custom-handler protocol: the Functions host POSTs <c>{Data, Metadata}</c> to <c>/{FunctionName}</c>; the
/// answer is <c>{Outputs, Logs, ReturnValue}</c> with 200, or a non-2xx status (the host then fails the
/// invocation: queue messages are retried and poisoned by the host) with an <c>Error</c> in the body.
/// </summary>
internal static partial class CustomHandlerEndpoints
{
    public static IEndpointRouteBuilder MapCustomHandlerProtocol(this IEndpointRouteBuilder app)
    {
        app.MapPost("/{functionName}", InvokeAsync).ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> InvokeAsync(string functionName, HttpContext context, FunctionCatalog catalog, ILoggerFactory loggers)
    {
        if (!catalog.TryGet(functionName, out var definition))
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: $"No function named '{functionName}'.");
        }

        var logger = loggers.CreateLogger(typeof(CustomHandlerEndpoints));
        var invocationId = context.Request.Headers["X-Azure-Functions-InvocationId"].ToString();
        InvocationRequest request;
        try
        {
            request = await JsonSerializer.DeserializeAsync<InvocationRequest>(context.Request.Body, ProtocolJson.Options, context.RequestAborted)
                ?? throw new InvocationPayloadException("The body is empty.");
        }
        catch (JsonException ex)
        {
            return Failure(StatusCodes.Status400BadRequest, new InvocationPayloadException("The body is not a {Data, Metadata} JSON object: " + ex.Message));
        }

        try
        {
            var response = await DispatchAsync(definition, request, invocationId, context);
            return Results.Json(response, ProtocolJson.Options);
        }
        catch (InvocationPayloadException ex)
        {
            LogBadPayload(logger, definition.Name, ex.Message);
            return Failure(StatusCodes.Status400BadRequest, ex);
        }
        catch (Exception ex) when (!context.RequestAborted.IsCancellationRequested)
        {
            // FunctionInvoker has logged the failure with its invocation scope; the host needs a non-2xx.
            return Failure(StatusCodes.Status500InternalServerError, ex);
        }
    }

    private static async Task<InvocationResponse> DispatchAsync(FunctionDefinition definition, InvocationRequest request, string? invocationId, HttpContext context)
    {
        var services = context.RequestServices;
        var invoker = services.GetRequiredService<FunctionInvoker>();
        var ct = context.RequestAborted;
        switch (definition.Trigger)
        {
            case HttpTrigger http:
                var httpRequest = HttpRequestPayload.Parse(TriggerPayloadParser.Trigger(request, http));
                var (response, httpLogs) = await services.GetRequiredService<HttpFunctionDispatcher>().DispatchAsync(definition, httpRequest, invocationId, ct);
                return new InvocationResponse
                {
                    Outputs = new() { [HttpTrigger.OutputName] = HttpRequestPayload.Output(response) },
                    Logs = [.. httpLogs],
                };
            case TimerTrigger timer:
                var info = TriggerPayloadParser.Timer(request, timer);
                return Done(await invoker.InvokeAsync<ITimerFunction>(definition, invocationId, (h, c) => h.HandleAsync(info, c), ct));
            case QueueTrigger queue:
                var message = TriggerPayloadParser.Queue(request, queue);
                return Done(await invoker.InvokeAsync<IQueueMessageHandler>(definition, invocationId, (h, c) => h.HandleAsync(message, c), ct));
            case BlobTrigger blob:
                var input = TriggerPayloadParser.Blob(request, blob);
                return Done(await invoker.InvokeAsync<IBlobFunction>(definition, invocationId, (h, c) => h.HandleAsync(input, c), ct));
            default:
                throw new InvalidOperationException($"Function '{definition.Name}' has an unknown trigger.");
        }
    }

    private static InvocationResponse Done(IReadOnlyList<string> logs) => new() { Logs = [.. logs] };

    private static IResult Failure(int status, Exception ex) => Results.Json(
        new InvocationResponse { Logs = [ex.Message], Error = new InvocationError(ex.GetType().Name, ex.Message) },
        ProtocolJson.Options,
        statusCode: status);

    [LoggerMessage(10, LogLevel.Warning, "Custom-handler payload for {FunctionName} rejected: {Problem}")]
    private static partial void LogBadPayload(ILogger logger, string functionName, string problem);
}
