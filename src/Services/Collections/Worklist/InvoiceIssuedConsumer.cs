using ArPlatform.BuildingBlocks.Messaging;
using ArPlatform.BuildingBlocks.Tenancy;
using ArPlatform.Collections.Persistence;
using ArPlatform.Contracts;

namespace ArPlatform.Collections.Worklist;

public sealed class InvoiceIssuedConsumer(CollectionsDbContext db, TenantContext tenant, ILogger<InvoiceIssuedConsumer> logger)
    : IdempotentConsumer<InvoiceIssued, CollectionsDbContext>(db, tenant, logger)
{
    protected override Task HandleAsync(InvoiceIssued message, CancellationToken cancellationToken)
    {
        Db.Invoices.Add(new CollectibleInvoice
        {
            InvoiceId = message.InvoiceId,
            TenantId = message.TenantId,
            CustomerId = message.CustomerId,
            Number = message.Number,
            DueDate = message.DueDate,
            Amount = message.Amount,
        });
        return Task.CompletedTask;
    }
}
