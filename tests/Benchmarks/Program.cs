using System.Reflection;
using Marketplace.Benchmarks;

// Usage: dotnet run -c Release --project tests/Benchmarks -- PREFIX [PREFIX...]
// Runs every scenario whose name starts with one of the prefixes (all of them without one) and prints
// one JSON line per metric on stdout; progress and errors go to stderr.
var prefixes = args.Length == 0 ? [string.Empty] : args;
var scenarios = Assembly.GetExecutingAssembly().GetTypes()
    .Where(t => typeof(IBenchmarkScenario).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
    .Select(t => (IBenchmarkScenario)Activator.CreateInstance(t)!)
    .Where(s => prefixes.Any(p => s.Name.StartsWith(p, StringComparison.Ordinal)))
    .OrderBy(s => s.Name, StringComparer.Ordinal)
    .ToList();

if (scenarios.Count == 0)
{
    await Console.Error.WriteLineAsync($"No scenario starts with: {string.Join(", ", prefixes)}");
    return 2;
}

var context = new BenchmarkContext(Console.Out);
var failed = 0;
foreach (var scenario in scenarios)
{
    await Console.Error.WriteLineAsync($"running {scenario.Name}");
    try
    {
        await scenario.RunAsync(context, CancellationToken.None);
    }
    catch (Exception ex)
    {
        failed++;
        await Console.Error.WriteLineAsync($"{scenario.Name} failed: {ex}");
    }
}

return failed == 0 ? 0 : 1;
