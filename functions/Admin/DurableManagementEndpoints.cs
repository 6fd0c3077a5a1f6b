using System.Text.Json;
using Marketplace.Functions.Http;
using Marketplace.Orchestrations.Sync;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Marketplace.Functions.Admin;

/// <summary>
/// Durable Functions-style HTTP management API over the <see cref="DurableTaskClient"/> from DI:
/// <list type="bullet">
/// <item><c>POST {prefix}/orchestrators/{name}/{instanceId?}</c> (JSON body = input; 404 for a name that is not one of
/// <see cref="SyncWorkflows.Orchestrators"/>): 202 with <c>Location</c> and
/// <c>id</c>, <c>statusQueryGetUri</c>, <c>sendEventPostUri</c>, <c>terminatePostUri</c>, <c>purgeHistoryDeleteUri</c>.</item>
/// <item><c>GET {prefix}/instances/{id}</c>: 202 while Pending/Running, 200 once finished, 404 if unknown.</item>
/// <item><c>GET {prefix}/instances?runtimeStatus=..&amp;createdTimeFrom=..&amp;createdTimeTo=..&amp;instanceIdPrefix=..&amp;top=..</c>:
/// one page, the next page's token in <c>x-ms-continuation-token</c> (send it back in the same header).</item>
/// <item><c>POST {prefix}/instances/{id}/raiseEvent/{eventName}</c> (JSON body = payload): 202; 404 unknown; 410 finished.</item>
/// <item><c>POST {prefix}/instances/{id}/terminate?reason=..</c>: 202; 404 unknown; 410 finished.</item>
/// <item><c>DELETE {prefix}/instances/{id}</c>: 200 with <c>instancesDeleted</c>; 404 unknown; 409 still running.</item>
/// </list>
/// The endpoints carry no authorization of their own: protect the group (it is returned) as the host requires.
/// </summary>
internal static class DurableManagementEndpoints
{
    /// <summary>The path prefix Durable Functions uses.</summary>
    public const string DefaultPrefix = "/runtime/webhooks/durabletask";

    /// <summary>Maps the management endpoints under <paramref name="prefix"/>.</summary>
    public static RouteGroupBuilder MapDurableManagementEndpoints(this IEndpointRouteBuilder endpoints, string prefix = DefaultPrefix)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var group = endpoints.MapGroup(prefix).AddEndpointFilter(CatalogAdminHttp.ProblemFilter);
        group.MapPost("/orchestrators/{name}/{instanceId?}", StartAsync);
        group.MapGet("/instances/{instanceId}", GetStatusAsync);
        group.MapGet("/instances", QueryAsync);
        group.MapPost("/instances/{instanceId}/raiseEvent/{eventName}", RaiseEventAsync);
        group.MapPost("/instances/{instanceId}/terminate", TerminateAsync);
        group.MapDelete("/instances/{instanceId}", PurgeAsync);
        return group;
    }

    private static async Task<IResult> StartAsync(HttpContext http, string name, string? instanceId, CancellationToken cancellationToken)
    {
        var client = http.RequestServices.GetRequiredService<DurableTaskClient>();
        var orchestrator = SyncWorkflows.Orchestrators.FirstOrDefault(o => string.Equals(o.Name, name, StringComparison.OrdinalIgnoreCase));
        if (orchestrator is null)
        {
            return FunctionResults.FieldProblem(StatusCodes.Status404NotFound, "Not found.", "name", $"No orchestrator named '{Excerpt(name)}' is registered.");
        }

        JsonElement? input;
        try
        {
            input = await ReadJsonAsync(http.Request, cancellationToken);
        }
        catch (JsonException ex)
        {
            return JsonProblem(ex);
        }

        string id;
        try
        {
            id = await client.ScheduleNewOrchestrationInstanceAsync(orchestrator.Name, input, new StartOrchestrationOptions(instanceId), cancellationToken);
        }
        catch (ArgumentException ex)
        {
            return FunctionResults.FieldProblem(StatusCodes.Status400BadRequest, "The request is invalid.", "instanceId", ex.Message);
        }

        var urls = ManagementUrls.For(http.Request, id);
        http.Response.Headers.Location = urls.StatusQueryGetUri;
        http.Response.Headers.RetryAfter = "1";
        return Results.Json(urls, statusCode: StatusCodes.Status202Accepted);
    }

    private static async Task<IResult> GetStatusAsync(HttpContext http, string instanceId, string? showInput, CancellationToken cancellationToken)
    {
        var client = http.RequestServices.GetRequiredService<DurableTaskClient>();
        var instance = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken);
        if (instance is null)
        {
            return Problem(StatusCodes.Status404NotFound, $"Orchestration instance '{instanceId}' was not found.");
        }

        if (instance.IsRunning)
        {
            http.Response.Headers.Location = ManagementUrls.For(http.Request, instanceId).StatusQueryGetUri;
            http.Response.Headers.RetryAfter = "1";
        }

        return Results.Json(InstanceStatus.From(instance, CatalogAdminHttp.Bool(showInput, nameof(showInput)) ?? true), statusCode: instance.IsRunning ? StatusCodes.Status202Accepted : StatusCodes.Status200OK);
    }

    private static async Task<IResult> QueryAsync(HttpContext http, string? runtimeStatus, string? createdTimeFrom, string? createdTimeTo,
        string? instanceIdPrefix, string? top, CancellationToken cancellationToken)
    {
        var client = http.RequestServices.GetRequiredService<DurableTaskClient>();
        var statuses = new List<OrchestrationRuntimeStatus>();
        foreach (var part in (runtimeStatus ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Enum.TryParse<OrchestrationRuntimeStatus>(part, ignoreCase: true, out var status))
            {
                return FunctionResults.FieldProblem(StatusCodes.Status400BadRequest, "The request is invalid.", "runtimeStatus",
                    $"'{Excerpt(part)}' is not one of {string.Join(", ", Enum.GetNames<OrchestrationRuntimeStatus>())}.");
            }

            statuses.Add(status);
        }

        var query = new OrchestrationQuery
        {
            Statuses = statuses,
            CreatedFrom = CatalogAdminHttp.Time(createdTimeFrom, nameof(createdTimeFrom))?.UtcDateTime,
            CreatedTo = CatalogAdminHttp.Time(createdTimeTo, nameof(createdTimeTo))?.UtcDateTime,
            InstanceIdPrefix = instanceIdPrefix,
            PageSize = Math.Clamp(CatalogAdminHttp.Int(top, nameof(top), 100), 1, 1000),
            FetchInputsAndOutputs = true,
        };
        var token = http.Request.Headers["x-ms-continuation-token"].ToString();
        await foreach (var page in client.GetAllInstancesAsync(query).AsPages(string.IsNullOrEmpty(token) ? null : token).WithCancellation(cancellationToken))
        {
            if (page.ContinuationToken is { } next)
            {
                http.Response.Headers["x-ms-continuation-token"] = next;
            }

            return Results.Json(page.Values.Select(i => InstanceStatus.From(i, showInput: true)).ToList());
        }

        return Results.Json(Array.Empty<InstanceStatus>());
    }

    private static async Task<IResult> RaiseEventAsync(HttpContext http, string instanceId, string eventName, CancellationToken cancellationToken)
    {
        var client = http.RequestServices.GetRequiredService<DurableTaskClient>();
        if (await RequireRunningAsync(client, instanceId, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        JsonElement? payload;
        try
        {
            payload = await ReadJsonAsync(http.Request, cancellationToken);
        }
        catch (JsonException ex)
        {
            return JsonProblem(ex);
        }

        await client.RaiseEventAsync(instanceId, eventName, payload, cancellationToken);
        return Results.StatusCode(StatusCodes.Status202Accepted);
    }

    private static async Task<IResult> TerminateAsync(HttpContext http, string instanceId, string? reason, CancellationToken cancellationToken)
    {
        var client = http.RequestServices.GetRequiredService<DurableTaskClient>();
        if (await RequireRunningAsync(client, instanceId, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        await client.TerminateInstanceAsync(instanceId, reason, cancellationToken);
        return Results.StatusCode(StatusCodes.Status202Accepted);
    }

    private static async Task<IResult> PurgeAsync(HttpContext http, string instanceId, CancellationToken cancellationToken)
    {
        var client = http.RequestServices.GetRequiredService<DurableTaskClient>();
        if (await client.GetInstanceAsync(instanceId, cancellationToken) is { IsCompleted: false } running)
        {
            return Problem(StatusCodes.Status409Conflict, $"Orchestration instance '{instanceId}' is still {running.RuntimeStatus}: terminate it first.");
        }

        var result = await client.PurgeInstanceAsync(instanceId, cancellation: cancellationToken);
        return result.PurgedInstanceCount == 0
            ? Problem(StatusCodes.Status404NotFound, $"Orchestration instance '{instanceId}' was not found.")
            : Results.Json(new { instancesDeleted = result.PurgedInstanceCount });
    }

    private static async Task<IResult?> RequireRunningAsync(DurableTaskClient client, string instanceId, CancellationToken cancellationToken)
    {
        var instance = await client.GetInstanceAsync(instanceId, cancellationToken);
        return instance switch
        {
            null => Problem(StatusCodes.Status404NotFound, $"Orchestration instance '{instanceId}' was not found."),
            { IsCompleted: true } => Problem(StatusCodes.Status410Gone, $"Orchestration instance '{instanceId}' has already finished ({instance.RuntimeStatus})."),
            _ => null,
        };
    }

    private static async Task<JsonElement?> ReadJsonAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync(cancellationToken);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    private static IResult Problem(int status, string detail) => FunctionResults.Problem(status, status switch
    {
        StatusCodes.Status404NotFound => "Not found.",
        StatusCodes.Status409Conflict => "Conflict with the current state.",
        StatusCodes.Status410Gone => "Already finished.",
        _ => "The request is invalid.",
    }, detail);

    private static IResult JsonProblem(JsonException exception) => FunctionResults.JsonProblem(exception, "The request body is not valid JSON.");

    private static string Excerpt(string text) => text.Length <= 64 ? text : text[..64] + "…";
}
