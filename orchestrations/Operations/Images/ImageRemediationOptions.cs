namespace Marketplace.Orchestrations.Operations.Images;

/// <summary>Settings of the image checks (section <c>Images</c>).</summary>
public sealed class ImageRemediationOptions
{
    public const string Section = "Images";

    /// <summary>Listings per activity call (<c>Images:ChunkSize</c>). Default 50.</summary>
    public int ChunkSize { get; set; } = 50;

    /// <summary>Listings of one chunk checked at a time (<c>Images:Concurrency</c>). Default 8.</summary>
    public int Concurrency { get; set; } = 8;

    /// <summary>Chunks in flight at a time per platform run (<c>Images:ParallelChunks</c>). Default 4.</summary>
    public int ParallelChunks { get; set; } = 4;
}
