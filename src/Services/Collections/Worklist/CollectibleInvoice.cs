using ArPlatform.BuildingBlocks.Persistence;

namespace ArPlatform.Collections.Worklist;

/// <summary>Collections' copy of an invoice it may have to chase, built from InvoiceIssued.</summary>
public sealed class CollectibleInvoice : ITenantOwned
{
    public Guid InvoiceId { get; set; }

    public Guid TenantId { get; set; }

    public Guid CustomerId { get; set; }

    public required string Number { get; set; }

    public DateOnly DueDate { get; set; }

    public decimal Amount { get; set; }
}
