using ArPlatform.BuildingBlocks.Persistence;

namespace ArPlatform.Invoices.CreditNotes;

/// <summary>A credit note: reduces an invoice's open amount, or stands as credit on the customer's account.</summary>
public sealed class CreditNote : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    public required string Number { get; set; }

    public Guid CustomerId { get; set; }

    public DateOnly Date { get; set; }

    public decimal Amount { get; set; }

    public Guid? InvoiceId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
