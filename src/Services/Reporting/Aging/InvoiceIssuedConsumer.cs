using ArPlatform.BuildingBlocks.Messaging;
using ArPlatform.BuildingBlocks.Tenancy;
using ArPlatform.Contracts;
using ArPlatform.Reporting.Persistence;

namespace ArPlatform.Reporting.Aging;

/// <summary>Adds an issued invoice to the receivables that aging reads; once per message (inbox).</summary>
public sealed class InvoiceIssuedConsumer(ReportingDbContext db, TenantContext tenant, ILogger<InvoiceIssuedConsumer> logger)
    : IdempotentConsumer<InvoiceIssued, ReportingDbContext>(db, tenant, logger)
{
    protected override Task HandleAsync(InvoiceIssued message, CancellationToken cancellationToken)
    {
        Db.Receivables.Add(new ReceivableView
        {
            InvoiceId = message.InvoiceId,
            TenantId = message.TenantId,
            CustomerId = message.CustomerId,
            Number = message.Number,
            InvoiceDate = message.InvoiceDate,
            DueDate = message.DueDate,
            Amount = message.Amount,
            Currency = message.Currency,
        });
        return Task.CompletedTask;
    }
}
