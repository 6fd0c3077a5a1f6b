using Marketplace.Sandbox;

// Marketplace stand-ins on loopback for tests and the local demo. Each platform maps its documented
// paths under its own host prefix; see each platform folder.
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddSandboxes(builder.Configuration);
var app = builder.Build();
app.MapSandboxes();
app.Run();

