namespace Marketplace.Shared.Storage;

/// <summary>The three Azure Storage services this project talks to.</summary>
public enum StorageService
{
    /// <summary>Blob service.</summary>
    Blob,

    /// <summary>Queue service.</summary>
    Queue,

    /// <summary>Table service.</summary>
    Table,
}
