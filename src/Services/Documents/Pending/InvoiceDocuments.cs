using ArPlatform.BuildingBlocks.Persistence;

namespace ArPlatform.Documents.Pending;

/// <summary>The documents an invoice needs (forms, TDS certificates, acknowledgements), tracked from InvoiceIssued.</summary>
public sealed class InvoiceDocuments : ITenantOwned
{
    public Guid InvoiceId { get; set; }

    public Guid TenantId { get; set; }

    public Guid CustomerId { get; set; }

    public required string Number { get; set; }

    public DateOnly InvoiceDate { get; set; }

    public bool Complete { get; set; }
}
