namespace Marketplace.Benchmarks;

/// <summary>
/// One benchmark scenario. <see cref="Name"/> is what the command-line prefix matches
/// (for example <c>storage.table.upsert</c>); each metric is reported through the context.
/// Scenarios are found by reflection: add a class, nothing else to register.
/// </summary>
internal interface IBenchmarkScenario
{
    string Name { get; }

    Task RunAsync(BenchmarkContext context, CancellationToken cancellationToken);
}
