using ArPlatform.BuildingBlocks.Persistence;

namespace ArPlatform.Reporting.Aging;

/// <summary>
/// A change of what is open on an invoice from the date it took effect: positive amounts reduce it (a payment's
/// cash, TDS and discount; a credit note; a write-off; a cancellation), negative ones add to it (a reversal, a debit note).
/// </summary>
public sealed class SettlementView : ITenantOwned
{
    public Guid Id { get; set; }

    /// <summary>The payment, note or invoice the change came from.</summary>
    public Guid PaymentId { get; set; }

    public Guid InvoiceId { get; set; }

    public required string Kind { get; set; }

    public Guid TenantId { get; set; }

    public Guid CustomerId { get; set; }

    public DateOnly DueDate { get; set; }

    public DateOnly EffectiveDate { get; set; }

    public decimal Amount { get; set; }
}

public static class SettlementKinds
{
    public const string Allocated = "allocated";
    public const string Reversed = "reversed";
    public const string CreditNote = "credit-note";
    public const string DebitNote = "debit-note";
    public const string WrittenOff = "written-off";
    public const string Cancelled = "cancelled";
}
