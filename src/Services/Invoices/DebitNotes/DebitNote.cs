using ArPlatform.BuildingBlocks.Persistence;

namespace ArPlatform.Invoices.DebitNotes;

/// <summary>A debit note: adds to what is open on an invoice (a price correction, freight, interest on late payment).</summary>
public sealed class DebitNote : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    public required string Number { get; set; }

    public Guid CustomerId { get; set; }

    public DateOnly Date { get; set; }

    public decimal Amount { get; set; }

    public Guid InvoiceId { get; set; }

    public string? Reason { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
