using System.Globalization;
using System.Text;
using Marketplace.Shared.Catalog;

namespace Marketplace.Shared.Operations.Alerts;

/// <summary>
/// One sold order line (or oversell) to tell the shop about. <see cref="EventId"/> (the ledger's idempotency key) is the
/// alert's identity: one alert per order line, however often the sale event arrives.
/// </summary>
public sealed record SaleAlert
{
    public required string EventId { get; init; }
    public required string Sku { get; init; }
    public string? Title { get; init; }
    public required Platform Platform { get; init; }
    public required string OrderId { get; init; }
    public int Quantity { get; init; }
    public decimal? UnitPrice { get; init; }
    public string? Currency { get; init; }
    public DateTimeOffset OccurredAt { get; init; }

    /// <summary>Units left in the catalog after the sale.</summary>
    public int QuantityLeft { get; init; }

    /// <summary>Units the order could not get (an oversell), 0 otherwise.</summary>
    public int Shortfall { get; init; }

    /// <summary>The mail subject.</summary>
    public string Subject => Shortfall > 0
        ? $"OVERSOLD {Sku} on {Platform.ToWire()}: order {OrderId} is {Shortfall} short"
        : $"Sold {Sku} on {Platform.ToWire()}: order {OrderId}";

    /// <summary>The plain-text mail body with the order details.</summary>
    public string Body()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{(Shortfall > 0 ? "Oversold" : "Sold")}: {Title ?? Sku}");
        text.AppendLine(CultureInfo.InvariantCulture, $"SKU: {Sku}");
        text.AppendLine(CultureInfo.InvariantCulture, $"Platform: {Platform.ToWire()}");
        text.AppendLine(CultureInfo.InvariantCulture, $"Order: {OrderId}");
        text.AppendLine(CultureInfo.InvariantCulture, $"Quantity: {Quantity}");
        if (UnitPrice is { } price)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"Unit price: {price:0.00} {Currency}");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"At: {OccurredAt:u}");
        text.AppendLine(CultureInfo.InvariantCulture, $"Left in stock: {QuantityLeft}");
        if (Shortfall > 0)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"Short by: {Shortfall} (see /api/admin/sync/oversells?sku={Uri.EscapeDataString(Sku)})");
        }

        return text.ToString();
    }
}

/// <summary>Sends sale alerts (pluggable: SMTP by default). Called at least once per alert; throw to have the workflow retry.</summary>
public interface ISaleAlertSender
{
    Task SendAsync(SaleAlert alert, CancellationToken cancellationToken = default);
}
