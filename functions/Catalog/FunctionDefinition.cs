using System.Text.RegularExpressions;

namespace Marketplace.Functions.Catalog;

/// <summary>
/// One function: its name (the folder name under the app folder and the custom-handler path <c>/{Name}</c>),
/// its trigger, and the handler type resolved from DI for each invocation (one of <see cref="IHttpFunction"/>,
/// <see cref="ITimerFunction"/>, <see cref="IQueueMessageHandler"/>, <see cref="IBlobFunction"/>).
/// </summary>
internal sealed partial record FunctionDefinition
{
    public FunctionDefinition(string name, FunctionTrigger trigger, Type handlerType)
    {
        if (!NamePattern().IsMatch(name))
        {
            throw new ArgumentException($"Function name '{name}' is invalid: use letters, digits, '-' and '_' (at most 127), starting with a letter.", nameof(name));
        }

        var expected = trigger switch
        {
            HttpTrigger => typeof(IHttpFunction),
            TimerTrigger => typeof(ITimerFunction),
            QueueTrigger => typeof(IQueueMessageHandler),
            BlobTrigger => typeof(IBlobFunction),
            _ => throw new ArgumentOutOfRangeException(nameof(trigger), trigger, "Unknown trigger kind."),
        };
        if (!expected.IsAssignableFrom(handlerType))
        {
            throw new ArgumentException($"Function '{name}': handler {handlerType.Name} must implement {expected.Name}.", nameof(handlerType));
        }

        Name = name;
        Trigger = trigger;
        HandlerType = handlerType;
    }

    public string Name { get; }

    public FunctionTrigger Trigger { get; }

    public Type HandlerType { get; }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]{0,126}$")]
    private static partial Regex NamePattern();
}
