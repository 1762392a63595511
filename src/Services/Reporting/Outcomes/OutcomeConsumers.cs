using ArPlatform.BuildingBlocks.Messaging;
using ArPlatform.BuildingBlocks.Tenancy;
using ArPlatform.Contracts;
using ArPlatform.Reporting.Persistence;
using ArPlatform.ServiceDefaults.Http;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Reporting.Outcomes;

// Collections' events may arrive in any order (a promise's outcome before the promise): each one writes what it knows
// and leaves what a later or earlier one knows.

public sealed class PromiseToPayMadeConsumer(ReportingDbContext db, TenantContext tenant, ILogger<PromiseToPayMadeConsumer> logger)
    : IdempotentConsumer<PromiseToPayMade, ReportingDbContext>(db, tenant, logger)
{
    protected override Task HandleAsync(PromiseToPayMade m, CancellationToken cancellationToken) =>
        Db.Database.ExecuteSqlAsync($"""
            INSERT INTO report_promises (promise_id, tenant_id, customer_id, amount, promised_date, status, collected)
            VALUES ({m.PromiseId}, {m.TenantId}, {m.CustomerId}, {m.Amount}, {m.PromisedDate}, {PromiseStatuses.Open}, 0)
            ON CONFLICT (promise_id) DO NOTHING
            """, cancellationToken);
}

public sealed class PromiseToPayKeptConsumer(ReportingDbContext db, TenantContext tenant, ILogger<PromiseToPayKeptConsumer> logger)
    : IdempotentConsumer<PromiseToPayKept, ReportingDbContext>(db, tenant, logger)
{
    protected override Task HandleAsync(PromiseToPayKept m, CancellationToken cancellationToken) =>
        PromiseOutcome.RecordAsync(Db, m.PromiseId, m.TenantId, m.CustomerId, m.Amount, m.PromisedDate, PromiseStatuses.Kept, m.Collected, m.KeptOn,
            cancellationToken);
}

public sealed class PromiseToPayBrokenConsumer(ReportingDbContext db, TenantContext tenant, ILogger<PromiseToPayBrokenConsumer> logger)
    : IdempotentConsumer<PromiseToPayBroken, ReportingDbContext>(db, tenant, logger)
{
    protected override Task HandleAsync(PromiseToPayBroken m, CancellationToken cancellationToken) =>
        PromiseOutcome.RecordAsync(Db, m.PromiseId, m.TenantId, m.CustomerId, m.Amount, m.PromisedDate, PromiseStatuses.Broken, m.Collected, m.BrokenOn,
            cancellationToken);
}

internal static class PromiseOutcome
{
    public static Task RecordAsync(ReportingDbContext db, Guid promiseId, Guid tenant, Guid customerId, decimal amount, DateOnly promisedDate, string status,
        decimal collected, DateOnly decidedOn, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync($"""
            INSERT INTO report_promises (promise_id, tenant_id, customer_id, amount, promised_date, status, collected, decided_on)
            VALUES ({promiseId}, {tenant}, {customerId}, {amount}, {promisedDate}, {status}, {collected}, {decidedOn})
            ON CONFLICT (promise_id) DO UPDATE SET status = excluded.status, collected = excluded.collected, decided_on = excluded.decided_on
            """, cancellationToken);
}

public sealed class DisputeRaisedConsumer(ReportingDbContext db, TenantContext tenant, ILogger<DisputeRaisedConsumer> logger)
    : IdempotentConsumer<DisputeRaised, ReportingDbContext>(db, tenant, logger)
{
    protected override Task HandleAsync(DisputeRaised m, CancellationToken cancellationToken) =>
        Db.Database.ExecuteSqlAsync($"""
            INSERT INTO report_disputes (dispute_id, tenant_id, customer_id, invoice_id, amount, raised_on, sla_due_on)
            VALUES ({m.DisputeId}, {m.TenantId}, {m.CustomerId}, {m.InvoiceId}, {m.Amount}, {BusinessDate.Of(m.RaisedAt)},
                    {(m.SlaDueAt is { } due ? BusinessDate.Of(due) : (DateOnly?)null)})
            ON CONFLICT (dispute_id) DO UPDATE SET amount = excluded.amount, raised_on = excluded.raised_on, sla_due_on = excluded.sla_due_on
            """, cancellationToken);
}

public sealed class DisputeResolvedConsumer(ReportingDbContext db, TenantContext tenant, ILogger<DisputeResolvedConsumer> logger)
    : IdempotentConsumer<DisputeResolved, ReportingDbContext>(db, tenant, logger)
{
    protected override Task HandleAsync(DisputeResolved m, CancellationToken cancellationToken) =>
        Db.Database.ExecuteSqlAsync($"""
            INSERT INTO report_disputes (dispute_id, tenant_id, customer_id, invoice_id, amount, resolved_on, outcome)
            VALUES ({m.DisputeId}, {m.TenantId}, {m.CustomerId}, {m.InvoiceId}, 0, {m.ResolvedOn}, {m.Outcome})
            ON CONFLICT (dispute_id) DO UPDATE SET resolved_on = excluded.resolved_on, outcome = excluded.outcome
            """, cancellationToken);
}
