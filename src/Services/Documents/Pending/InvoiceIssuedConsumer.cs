using ArPlatform.BuildingBlocks.Messaging;
using ArPlatform.BuildingBlocks.Persistence;
using ArPlatform.BuildingBlocks.Tenancy;
using ArPlatform.Contracts;
using ArPlatform.Documents.Persistence;

namespace ArPlatform.Documents.Pending;

public sealed class InvoiceIssuedConsumer(DocumentsDbContext db, TenantContext tenant, ILogger<InvoiceIssuedConsumer> logger)
    : IdempotentConsumer<InvoiceIssued, DocumentsDbContext>(db, tenant, logger)
{
    protected override Task HandleAsync(InvoiceIssued message, CancellationToken cancellationToken)
    {
        Db.Invoices.Add(ToView(message));
        return Task.CompletedTask;
    }

    public static InvoiceDocuments ToView(InvoiceIssued message) =>
        new InvoiceDocuments
        {
            InvoiceId = message.InvoiceId,
            TenantId = message.TenantId,
            CustomerId = message.CustomerId,
            Number = message.Number,
            InvoiceDate = message.InvoiceDate,
        };
}

/// <summary>A bulk import's invoices, treated as the InvoiceIssued events they contain.</summary>
public sealed class InvoicesIssuedConsumer(DocumentsDbContext db, TenantContext tenant, ILogger<InvoicesIssuedConsumer> logger)
    : IdempotentConsumer<InvoiceBatchIssued, DocumentsDbContext>(db, tenant, logger)
{
    protected override Task HandleAsync(InvoiceBatchIssued m, CancellationToken cancellationToken) =>
        Db.SkippingExistingAsync(suffix => Db.InsertManyAsync("invoice_documents",
        [
            ("invoice_id", m.InvoiceIds),
            ("tenant_id", Enumerable.Repeat(m.TenantId, m.InvoiceIds.Length).ToArray()),
            ("customer_id", m.CustomerIds),
            ("number", m.Numbers),
            ("invoice_date", m.InvoiceDates),
            ("complete", new bool[m.InvoiceIds.Length]),
        ], suffix, cancellationToken), cancellationToken);
}
