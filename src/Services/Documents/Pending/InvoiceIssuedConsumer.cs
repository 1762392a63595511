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
    : IdempotentConsumer<InvoicesIssued, DocumentsDbContext>(db, tenant, logger)
{
    protected override Task HandleAsync(InvoicesIssued message, CancellationToken cancellationToken)
    {
        var invoices = message.Invoices;
        return Db.SkippingExistingAsync(suffix => Db.InsertManyAsync("invoice_documents",
        [
            ("invoice_id", invoices.Select(i => i.InvoiceId).ToArray()),
            ("tenant_id", invoices.Select(i => i.TenantId).ToArray()),
            ("customer_id", invoices.Select(i => i.CustomerId).ToArray()),
            ("number", invoices.Select(i => i.Number).ToArray()),
            ("invoice_date", invoices.Select(i => i.InvoiceDate).ToArray()),
            ("complete", invoices.Select(_ => false).ToArray()),
        ], suffix, cancellationToken), cancellationToken);
    }
}
