using System.Text.Json.Nodes;

namespace Marketplace.Sandbox.Shopware;

public static partial class ShopwareSandbox
{
    /// <summary>
    /// Sandbox-only routes: <c>POST /_sandbox/shopware/app/install</c> (<c>{"appUrl", "manifest"}</c>: the shop installs the app,
    /// the manifest's host replaced by <c>appUrl</c>), and orders placed or cancelled by a customer, whose events go to the
    /// installed app's webhooks as Shopware sends them.
    /// </summary>
    private static void MapSandboxOnly(WebApplication app)
    {
        app.MapPost("/_sandbox/shopware/app/install", async (HttpRequest request, ShopwareSandboxState state, IHttpClientFactory clients, CancellationToken cancellationToken) =>
        {
            var body = await ReadObjectAsync(request, cancellationToken);
            if (!Uri.TryCreate(body?["appUrl"]?.ToString(), UriKind.Absolute, out var appUrl) || body?["manifest"]?.ToString() is not { Length: > 0 } manifest)
            {
                return Errors(StatusCodes.Status400BadRequest, new SandboxError(400, "FRAMEWORK__INVALID_REQUEST", "Bad Request", "appUrl and manifest are required.", null));
            }

            var http = clients.CreateClient(nameof(ShopwareSandboxApp));
            http.BaseAddress = appUrl;
            var shopUrl = new Uri($"{request.Scheme}://{request.Host}");
            try
            {
                var installed = await state.InstallAppAsync(http, manifest, shopUrl, cancellationToken: cancellationToken);
                return Results.Json(new JsonObject { ["app"] = installed.Name, ["shopId"] = state.Options.ShopId, ["apiKey"] = installed.ApiKey });
            }
            catch (Exception ex) when (ex is InvalidOperationException or HttpRequestException or System.Xml.XmlException)
            {
                return Errors(StatusCodes.Status400BadRequest, new SandboxError(400, "FRAMEWORK__APP_REGISTRATION_FAILED", "Bad Request", ex.Message, null));
            }
        });
        app.MapPost("/_sandbox/shopware/orders", async (HttpRequest request, ShopwareSandboxState state, CancellationToken cancellationToken) =>
        {
            var body = await ReadObjectAsync(request, cancellationToken);
            var order = state.CreateOrder(body?["sku"]?.ToString() ?? string.Empty, body?["quantity"]?.GetValue<int>() ?? 1);
            await NotifyAsync(state, order, "checkout.order.placed", cancellationToken);
            return Results.Json(order);
        });
        app.MapPost("/_sandbox/shopware/orders/{id}/cancel", async (string id, ShopwareSandboxState state, CancellationToken cancellationToken) =>
        {
            if (state.CancelOrder(id) is not { } order)
            {
                return NotFound("order", id);
            }

            await NotifyAsync(state, order, "state_enter.order.state.cancelled", cancellationToken);
            return Results.Json(order);
        });
        app.MapPost("/_sandbox/shopware/orders/{id}/transaction/{transactionState}", async (string id, string transactionState, ShopwareSandboxState state, CancellationToken cancellationToken) =>
        {
            if (state.SetTransactionState(id, transactionState) is not { } order)
            {
                return NotFound("order", id);
            }

            await NotifyAsync(state, order, $"state_enter.order_transaction.state.{transactionState}", cancellationToken);
            return Results.Json(order);
        });
    }

    private static async Task NotifyAsync(ShopwareSandboxState state, JsonObject order, string eventName, CancellationToken cancellationToken)
    {
        if (state.App is { } installed)
        {
            await installed.DeliverAsync(eventName, state.AppWebhook(order, eventName), cancellationToken);
        }
    }
}
