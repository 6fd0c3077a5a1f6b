namespace Marketplace.Sandbox;

/// <summary>
/// The sandbox executable: every marketplace stand-in on one loopback port for tests and the local demo. Each
/// platform maps its documented paths under its own host prefix (see each platform folder). It listens on
/// <c>Sandbox:Urls</c> (default <see cref="DefaultUrls"/>) unless the standard <c>urls</c> setting
/// (<c>ASPNETCORE_URLS</c>, <c>--urls</c>) says otherwise.
/// </summary>
public static class SandboxProgram
{
    public const string DefaultUrls = "http://127.0.0.1:7080";

    public static async Task Main(string[] args)
    {
        await using var app = Build(args);
        await app.RunAsync();
    }

    /// <summary>The configured host, not started.</summary>
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
        {
            builder.WebHost.UseUrls(builder.Configuration["Sandbox:Urls"] is { Length: > 0 } urls ? urls : DefaultUrls);
        }

        builder.Services.AddSandboxes(builder.Configuration);
        var app = builder.Build();
        app.MapSandboxes();
        return app;
    }
}
