using Azure;

namespace Marketplace.Shared.Storage.Tables;

/// <summary>What one operation of an entity group transaction does.</summary>
public enum TableTransactionActionType
{
    /// <summary>Insert; fails the transaction if the entity exists.</summary>
    Add,

    /// <summary>Merge into an existing entity (If-Match: the action's ETag, or any).</summary>
    UpdateMerge,

    /// <summary>Replace an existing entity (If-Match: the action's ETag, or any).</summary>
    UpdateReplace,

    /// <summary>Delete an existing entity (If-Match: the action's ETag, or any).</summary>
    Delete,

    /// <summary>Insert or merge, unconditionally.</summary>
    UpsertMerge,

    /// <summary>Insert or replace, unconditionally.</summary>
    UpsertReplace,
}

/// <summary>
/// One operation of an entity group transaction (<see cref="TableClient.SubmitTransactionAsync"/>).
/// <paramref name="ETag"/> is the If-Match condition for updates and deletes; <c>default</c> means any ETag
/// (<c>*</c>); it is ignored by Add and the upserts.
/// </summary>
/// <param name="ActionType">The operation.</param>
/// <param name="Entity">The entity (for Delete only its keys are used).</param>
/// <param name="ETag">The If-Match condition for updates and deletes.</param>
public sealed record TableTransactionAction(TableTransactionActionType ActionType, TableEntity Entity, ETag ETag = default);

/// <summary>The outcome of one operation of a committed transaction.</summary>
/// <param name="Index">Position of the action in the submitted list.</param>
/// <param name="Status">The operation's HTTP status (204 for all operations, 201 when the service echoes an insert).</param>
/// <param name="ETag">The entity's new ETag; <c>default</c> for a delete.</param>
public sealed record TableTransactionResult(int Index, int Status, ETag ETag);

/// <summary>
/// An entity group transaction was rejected: none of its operations was applied.
/// <see cref="FailedTransactionActionIndex"/> names the action that failed when the service says so;
/// <see cref="RequestFailedException.Status"/> and <see cref="RequestFailedException.ErrorCode"/> are the
/// failing operation's (e.g. 409 <c>EntityAlreadyExists</c>, 412 <c>UpdateConditionNotSatisfied</c>,
/// 404 <c>ResourceNotFound</c>).
/// </summary>
public sealed class TableTransactionFailedException : RequestFailedException
{
    /// <summary>Creates the exception.</summary>
    public TableTransactionFailedException(int status, string message, string? errorCode, int? failedTransactionActionIndex)
        : base(status, message, errorCode, null)
    {
        FailedTransactionActionIndex = failedTransactionActionIndex;
    }

    /// <summary>Index into the submitted actions of the one that failed, or null if the service did not tell.</summary>
    public int? FailedTransactionActionIndex { get; }
}
