using Marketplace.Shared.Storage;

namespace Marketplace.Functions;

/// <summary>Composition of the functions app: services, then routes.</summary>
internal static class FunctionsAppExtensions
{
    public static WebApplicationBuilder AddFunctionsApp(this WebApplicationBuilder builder)
    {
        // Read storage settings once at start-up so a missing or bad setting stops the app with its name.
        var account = StorageAccount.FromConfiguration(builder.Configuration);
        builder.Services.AddSingleton(account);
        builder.Services.AddSingleton<StorageHealthProbe>();
        return builder;
    }

    public static WebApplication MapFunctionsApp(this WebApplication app)
    {
        app.MapGet("/api/health", async (StorageHealthProbe probe, CancellationToken cancellationToken) =>
        {
            var results = await probe.ProbeAsync(cancellationToken);
            var healthy = results.All(r => r.Reachable);
            var body = new
            {
                status = healthy ? "healthy" : "unhealthy",
                storage = results.ToDictionary(
                    r => r.Service.ToString().ToLowerInvariant(),
                    r => new { reachable = r.Reachable, status = r.Status, elapsedMs = Math.Round(r.ElapsedMs, 1), error = r.Error }),
            };
            return Results.Json(body, statusCode: healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        });
        return app;
    }
}
