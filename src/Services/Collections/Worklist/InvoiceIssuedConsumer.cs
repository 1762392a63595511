using ArPlatform.BuildingBlocks.Messaging;
using ArPlatform.BuildingBlocks.Persistence;
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
    : IdempotentConsumer<InvoiceBatchIssued, CollectionsDbContext>(db, tenant, logger)
{
    protected override Task HandleAsync(InvoiceBatchIssued m, CancellationToken cancellationToken) =>
        Db.SkippingExistingAsync(suffix => Db.InsertManyAsync("collectible_invoices",
        [
            ("invoice_id", m.InvoiceIds),
            ("tenant_id", Enumerable.Repeat(m.TenantId, m.InvoiceIds.Length).ToArray()),
            ("customer_id", m.CustomerIds),
            ("number", m.Numbers),
            ("due_date", m.DueDates),
            ("amount", m.Amounts),
        ], suffix, cancellationToken), cancellationToken);
}
