using Marketplace.Shared.Catalog.Ledger;
using Marketplace.Shared.Marketplaces;

namespace Marketplace.Orchestrations.Operations.Alerts;

/// <summary>A sale the ledger took (or oversold), to be alerted: the line, what the ledger did, units left and the shortfall.</summary>
public sealed record SaleAlertRequest(SaleEvent Sale, LedgerOutcome Outcome, int QuantityLeft, int Shortfall);
