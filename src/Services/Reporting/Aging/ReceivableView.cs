using ArPlatform.BuildingBlocks.Persistence;

namespace ArPlatform.Reporting.Aging;

/// <summary>Reporting's own copy of an invoice, built from InvoiceIssued: what aging needs and nothing more.</summary>
public sealed class ReceivableView : ITenantOwned
{
    public Guid InvoiceId { get; set; }

    public Guid TenantId { get; set; }

    public Guid CustomerId { get; set; }

    public required string Number { get; set; }

    public DateOnly InvoiceDate { get; set; }

    public DateOnly DueDate { get; set; }

    public decimal Amount { get; set; }

    public required string Currency { get; set; }

    public string? DealerCode { get; set; }
}
