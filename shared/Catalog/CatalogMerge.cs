using Azure.Data.Tables;

namespace Marketplace.Shared.Catalog;

/// <summary>K-way merge of row streams that are each sorted by row key (one query per partition).</summary>
internal static class CatalogMerge
{
    public static async IAsyncEnumerable<TableEntity> MergeAsync(IEnumerable<IAsyncEnumerable<TableEntity>> sources,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var enumerators = sources.Select(s => s.GetAsyncEnumerator(cancellationToken)).ToList();
        try
        {
            var heads = new PriorityQueue<IAsyncEnumerator<TableEntity>, string>(StringComparer.Ordinal);
            var started = await Task.WhenAll(enumerators.Select(e => e.MoveNextAsync().AsTask()));
            for (var i = 0; i < enumerators.Count; i++)
            {
                if (started[i])
                {
                    heads.Enqueue(enumerators[i], enumerators[i].Current.RowKey);
                }
            }

            while (heads.TryDequeue(out var head, out _))
            {
                yield return head.Current;
                if (await head.MoveNextAsync())
                {
                    heads.Enqueue(head, head.Current.RowKey);
                }
            }
        }
        finally
        {
            foreach (var enumerator in enumerators)
            {
                await enumerator.DisposeAsync();
            }
        }
    }
}
