namespace Marketplace.Shared.Storage.Tables;

/// <summary>How an update or upsert treats properties already stored on the entity.</summary>
public enum TableUpdateMode
{
    /// <summary>Merge: properties not present in the written entity are kept.</summary>
    Merge,

    /// <summary>Replace: the stored entity is replaced; properties not present are removed.</summary>
    Replace,
}
