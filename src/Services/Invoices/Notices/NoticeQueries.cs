using ArPlatform.Invoices.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Invoices.Notices;

/// <summary>An open invoice that has not had a notice of a kind yet.</summary>
public sealed record NoticeCandidate(Guid Id, string Number, Guid CustomerId, DateOnly DueDate, decimal Open);

/// <summary>The notices job's SQL: open invoices due in a window without a notice of the kind, and claiming them once.</summary>
public static class NoticeQueries
{
    public static Task<List<NoticeCandidate>> UnnoticedAsync(
        InvoicesDbContext db, Guid tenant, string kind, DateOnly firstDue, DateOnly lastDue, int limit, CancellationToken cancellationToken) =>
        db.Database.SqlQuery<NoticeCandidate>($"""
            SELECT i.id AS "Id", i.number AS "Number", i.customer_id AS "CustomerId", i.due_date AS "DueDate", i.open_amount AS "Open"
            FROM invoices i
            WHERE i.tenant_id = {tenant} AND i.cancelled_on IS NULL AND i.open_amount > 0 AND i.due_date BETWEEN {firstDue} AND {lastDue}
              AND NOT EXISTS (SELECT 1 FROM invoice_notices n WHERE n.invoice_id = i.id AND n.kind = {kind})
            ORDER BY i.due_date, i.id
            LIMIT {limit}
            """).ToListAsync(cancellationToken);

    /// <summary>Records the notice of each invoice not noticed yet; returns those this call claimed (a replica may claim others first).</summary>
    public static async Task<HashSet<Guid>> ClaimAsync(
        InvoicesDbContext db, Guid tenant, string kind, DateOnly today, Guid[] invoiceIds, CancellationToken cancellationToken) =>
        (await db.Database.SqlQuery<Guid>($"""
            INSERT INTO invoice_notices (invoice_id, kind, tenant_id, noticed_on)
            SELECT id, {kind}, {tenant}, {today} FROM unnest({invoiceIds}) AS id
            ON CONFLICT DO NOTHING
            RETURNING invoice_id AS "Value"
            """).ToListAsync(cancellationToken)).ToHashSet();
}
