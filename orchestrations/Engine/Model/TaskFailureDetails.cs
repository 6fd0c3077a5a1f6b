namespace Marketplace.Orchestrations.Engine;

/// <summary>
/// A serializable description of a failure: the exception's type name, message and stack trace, and the
/// failure that caused it (an activity's inner exception, or a sub-orchestration's failed activity).
/// </summary>
public sealed record TaskFailureDetails(string ErrorType, string ErrorMessage, string? StackTrace, TaskFailureDetails? InnerFailure = null)
{
    /// <summary>Builds details from an exception (type full name, message, stack; inner exceptions recursively).</summary>
    public static TaskFailureDetails FromException(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return new TaskFailureDetails(
            exception.GetType().FullName ?? exception.GetType().Name,
            exception.Message,
            exception.StackTrace,
            exception is TaskFailedException failed ? failed.FailureDetails
                : exception.InnerException is null ? null : FromException(exception.InnerException));
    }

    /// <summary>True if <see cref="ErrorType"/> names <typeparamref name="T"/> or a type derived from it.</summary>
    public bool IsCausedBy<T>()
        where T : Exception
    {
        var type = Type.GetType(ErrorType, throwOnError: false) ?? AppDomain.CurrentDomain.GetAssemblies()
            .Select(a => a.GetType(ErrorType, throwOnError: false)).FirstOrDefault(t => t is not null);
        return type is not null ? typeof(T).IsAssignableFrom(type) : ErrorType == typeof(T).FullName;
    }

    /// <inheritdoc />
    public override string ToString() => $"{ErrorType}: {ErrorMessage}";
}
