using Marketplace.Functions;

var builder = WebApplication.CreateBuilder(args);
builder.AddFunctionsApp();
var app = builder.Build();
app.MapFunctionsApp();
app.Run();

/// <summary>Entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
