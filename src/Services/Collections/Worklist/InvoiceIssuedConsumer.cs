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
        Db.Invoices.Add(ToView(message));
        return Task.CompletedTask;
    }

    public static CollectibleInvoice ToView(InvoiceIssued message) =>
        new CollectibleInvoice
        {
            InvoiceId = message.InvoiceId,
            TenantId = message.TenantId,
            CustomerId = message.CustomerId,
            Number = message.Number,
            DueDate = message.DueDate,
            Amount = message.Amount,
        };
}

/// <summary>A bulk import's invoices, treated as the InvoiceIssued events they contain.</summary>
public sealed class InvoicesIssuedConsumer(CollectionsDbContext db, TenantContext tenant, ILogger<InvoicesIssuedConsumer> logger)
    : IdempotentConsumer<InvoicesIssued, CollectionsDbContext>(db, tenant, logger)
{
    protected override Task HandleAsync(InvoicesIssued message, CancellationToken cancellationToken)
    {
        Db.Invoices.AddRange(message.Invoices.Select(InvoiceIssuedConsumer.ToView));
        return Task.CompletedTask;
    }
}
