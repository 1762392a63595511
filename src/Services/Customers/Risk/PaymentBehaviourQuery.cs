using ArPlatform.Customers.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Customers.Risk;

/// <summary>Computes <see cref="PaymentBehaviour"/> for many customers at once from their receivable movements, as of any date.</summary>
public static class PaymentBehaviourQuery
{
    /// <summary>Weights halve every this many days, so recent behaviour counts more and the nightly re-score ages the old.</summary>
    public const double HalfLifeDays = 180;

    public static async Task<IReadOnlyList<PaymentBehaviour>> LoadAsync(CustomersDbContext db, IReadOnlyCollection<Guid> customerIds, DateOnly asOf, CancellationToken cancellationToken)
    {
        var tenant = db.Tenant.RequiredTenantId;
        var ids = customerIds.ToArray();
        var yearAgo = asOf.AddDays(-365);
        return await db.Database.SqlQuery<PaymentBehaviour>($"""
            WITH m AS (
                SELECT customer_id, invoice_id, invoice_number, due_date, effective_date, change, kind, payment_id, days_late, reversed_on,
                       power(0.5::float8, ({asOf} - effective_date) / {HalfLifeDays}) AS w
                FROM receivable_movements
                WHERE tenant_id = {tenant} AND customer_id = ANY({ids}) AND effective_date <= {asOf}),
            paid AS (
                SELECT customer_id, count(*)::int AS payments, sum(-change::float8 * w * days_late) / nullif(sum(-change::float8 * w), 0) AS average_late
                FROM m WHERE kind = 'paid' AND (reversed_on IS NULL OR reversed_on > {asOf}) GROUP BY customer_id),
            settled AS (
                SELECT customer_id, count(*)::int AS settled, coalesce(sum(w) FILTER (WHERE days_late > 0), 0) / nullif(sum(w), 0) AS share_late,
                       coalesce(max(days_late) FILTER (WHERE effective_date > {yearAgo}), 0) AS worst
                FROM m WHERE kind = 'settled' AND (reversed_on IS NULL OR reversed_on > {asOf}) GROUP BY customer_id),
            open_invoices AS (
                SELECT customer_id, min(invoice_number) AS number, min(due_date) AS due_date, sum(change) AS open
                FROM m WHERE kind <> 'settled' GROUP BY customer_id, invoice_id HAVING sum(change) > 0),
            open_totals AS (
                SELECT customer_id, sum(open) AS open, coalesce(sum(open) FILTER (WHERE due_date < {asOf}), 0) AS overdue,
                       coalesce(max({asOf} - due_date) FILTER (WHERE due_date < {asOf}), 0) AS oldest_days,
                       (array_agg(number ORDER BY due_date, number) FILTER (WHERE due_date < {asOf}))[1] AS oldest_number
                FROM open_invoices GROUP BY customer_id),
            bounced AS (
                SELECT customer_id, count(DISTINCT payment_id)::int AS bounced FROM m WHERE kind = 'reversed' AND effective_date > {yearAgo} GROUP BY customer_id),
            firsts AS (SELECT customer_id, min(effective_date) AS first_date FROM m GROUP BY customer_id)
            SELECT c.id AS "CustomerId", coalesce(p.payments, 0) AS "Payments", p.average_late AS "AverageDaysLate",
                   coalesce(s.settled, 0) AS "InvoicesSettled", s.share_late AS "ShareSettledLate", coalesce(s.worst, 0) AS "WorstDaysLate12Months",
                   coalesce(o.open, 0) AS "OpenAmount", coalesce(o.overdue, 0) AS "OverdueAmount", coalesce(o.oldest_days, 0) AS "OldestOverdueDays",
                   o.oldest_number AS "OldestOverdueInvoice", coalesce(b.bounced, 0) AS "BouncedPayments12Months", f.first_date AS "FirstActivity"
            FROM unnest({ids}) AS c(id)
            LEFT JOIN paid p ON p.customer_id = c.id LEFT JOIN settled s ON s.customer_id = c.id
            LEFT JOIN open_totals o ON o.customer_id = c.id LEFT JOIN bounced b ON b.customer_id = c.id LEFT JOIN firsts f ON f.customer_id = c.id
            """).ToListAsync(cancellationToken);
    }
}
