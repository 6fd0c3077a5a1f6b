using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Marketplace.Functions.Catalog;

/// <summary>Registers functions: the definition and its handler (scoped, one per invocation).</summary>
internal static class FunctionCatalogExtensions
{
    public static IServiceCollection AddFunction<THandler>(this IServiceCollection services, string name, FunctionTrigger trigger)
        where THandler : class
    {
        services.AddSingleton(new FunctionDefinition(name, trigger, typeof(THandler)));
        services.TryAddScoped<THandler>();
        services.TryAddSingleton<FunctionCatalog>();
        return services;
    }

    /// <summary>
    /// Registers <typeparamref name="THandler"/> for the messages of <paramref name="queueName"/>: a queue-triggered
    /// function named <c>Queue-{queueName}</c> (under the Functions host) and a standalone queue listener.
    /// </summary>
    public static IServiceCollection AddQueueFunction<THandler>(this IServiceCollection services, string queueName, string connection = "AzureWebJobsStorage")
        where THandler : class, IQueueMessageHandler =>
        services.AddFunction<THandler>(QueueFunctionName(queueName), new QueueTrigger(queueName, connection));

    /// <summary>
    /// Registers <typeparamref name="THandler"/> as function <paramref name="name"/> on the trigger's queue, whose name
    /// may hold <c>%Setting%</c> binding expressions (resolved by the host, or by the standalone listener).
    /// </summary>
    public static IServiceCollection AddQueueFunction<THandler>(this IServiceCollection services, string name, QueueTrigger trigger)
        where THandler : class, IQueueMessageHandler =>
        services.AddFunction<THandler>(name, trigger);

    public static string QueueFunctionName(string queueName) => "Queue-" + queueName;
}
