using ArPlatform.BuildingBlocks.Messaging;
using ArPlatform.BuildingBlocks.Tenancy;
using ArPlatform.Contracts;
using ArPlatform.Documents.Persistence;

namespace ArPlatform.Documents.Pending;

public sealed class InvoiceIssuedConsumer(DocumentsDbContext db, TenantContext tenant, ILogger<InvoiceIssuedConsumer> logger)
    : IdempotentConsumer<InvoiceIssued, DocumentsDbContext>(db, tenant, logger)
{
    protected override Task HandleAsync(InvoiceIssued message, CancellationToken cancellationToken)
    {
        Db.Invoices.Add(new InvoiceDocuments
        {
            InvoiceId = message.InvoiceId,
            TenantId = message.TenantId,
            CustomerId = message.CustomerId,
            Number = message.Number,
            InvoiceDate = message.InvoiceDate,
        });
        return Task.CompletedTask;
    }
}
