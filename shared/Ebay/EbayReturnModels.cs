namespace Marketplace.Shared.Ebay;

/// <summary>
/// A return request as the Post-Order API's <c>GET /post-order/v2/return/search</c> lists it (<c>ReturnSummaryType</c>):
/// the order and line (<c>creationInfo.item</c>: listing id, transaction id, quantity), <c>state</c>, <c>status</c>,
/// <c>currentType</c> (<c>MONEY_BACK</c> or <c>REPLACEMENT</c>) and the refund the seller issued.
/// </summary>
public sealed record EbayReturn
{
    public required string ReturnId { get; init; }

    public string? OrderId { get; init; }

    public string? State { get; init; }

    public string? Status { get; init; }

    public string? CurrentType { get; init; }

    public EbayReturnCreationInfo? CreationInfo { get; init; }

    public EbayReturnRefund? SellerTotalRefund { get; init; }
}

/// <summary>How the return was opened: the line item and its quantity, and when.</summary>
public sealed record EbayReturnCreationInfo(EbayReturnItem? Item, string? Type, string? Reason, EbayDateValue? CreationDate);

/// <summary>The returned line item: listing id (<c>itemId</c>, the order line's <c>legacyItemId</c>), transaction id and units.</summary>
public sealed record EbayReturnItem(string? ItemId, string? TransactionId, int ReturnQuantity);

/// <summary>The seller's refund: <c>estimatedRefundAmount</c>, and <c>actualRefundAmount</c> once it is issued.</summary>
public sealed record EbayReturnRefund(EbayReturnAmount? EstimatedRefundAmount, EbayReturnAmount? ActualRefundAmount);

/// <summary>A Post-Order amount (a JSON number, unlike the Sell APIs' decimal strings).</summary>
public sealed record EbayReturnAmount(decimal Value, string? Currency);

/// <summary>A Post-Order date: <c>{"value":"2026-01-31T12:00:00.000Z"}</c>.</summary>
public sealed record EbayDateValue(DateTimeOffset Value);

/// <summary>One page of <c>return/search</c>: <c>members</c>, <c>paginationOutput</c> (1-based page <c>offset</c>, <c>totalPages</c>) and <c>total</c>.</summary>
internal sealed record EbayReturnPage(IReadOnlyList<EbayReturn>? Members, EbayReturnPagination? PaginationOutput, int Total);

internal sealed record EbayReturnPagination(int Limit, int Offset, int TotalEntries, int TotalPages);
