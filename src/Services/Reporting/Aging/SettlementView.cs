using ArPlatform.BuildingBlocks.Persistence;

namespace ArPlatform.Reporting.Aging;

/// <summary>What a payment settled on an invoice (cash, TDS and discount), from the date it took effect.</summary>
public sealed class SettlementView : ITenantOwned
{
    public Guid PaymentId { get; set; }

    public Guid InvoiceId { get; set; }

    /// <summary>"allocated" (reduces what is open) or "reversed" (a reversal: negative, reopens it).</summary>
    public required string Kind { get; set; }

    public Guid TenantId { get; set; }

    public Guid CustomerId { get; set; }

    public DateOnly DueDate { get; set; }

    public DateOnly EffectiveDate { get; set; }

    public decimal Amount { get; set; }
}
