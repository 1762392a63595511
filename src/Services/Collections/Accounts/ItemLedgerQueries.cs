using ArPlatform.Collections.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace ArPlatform.Collections.Accounts;

/// <summary>One change to an invoice's item: added to its amount and open amount; number, dates and closing kept when given.</summary>
public sealed record ItemChange(
    Guid InvoiceId, Guid CustomerId, string? Number, DateOnly DueDate, DateOnly? InvoiceDate, decimal AmountDelta, decimal OpenDelta, bool Issued = false,
    string? ClosedAs = null);

/// <summary>
/// The statements that keep items and accounts from Invoices' events. Each event adds to what is open (an upsert), so
/// events of one invoice may arrive in any order — a payment before its invoice — and still sum to Invoices' figure.
/// </summary>
public static class ItemLedgerQueries
{
    public static async Task ApplyAsync(
        CollectionsDbContext db, Guid tenant, IReadOnlyList<ItemChange> changes, DateTimeOffset now, DateOnly today, CancellationToken cancellationToken)
    {
        if (changes.Count == 0)
        {
            return;
        }

        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO tenants (id, known_since) VALUES (@tenant, @now) ON CONFLICT DO NOTHING;
            INSERT INTO accounts (customer_id, tenant_id, code, name, broken_promises, on_hold, updated_at)
            SELECT DISTINCT c, @tenant, '', '', 0, false, @now FROM unnest(@customers) AS c
            ON CONFLICT DO NOTHING;
            INSERT INTO items (invoice_id, tenant_id, customer_id, number, invoice_date, due_date, amount, open_amount, disputed_amount, issued, closed_as, recorded_on)
            SELECT u.id, @tenant, u.customer, coalesce(u.number, ''), u.invoice_date, u.due_date, u.amount, u.open, 0, u.issued, u.closed_as, @today
            FROM unnest(@ids, @customers, @numbers, @invoice_dates, @due_dates, @amounts, @opens, @issued, @closed)
                AS u(id, customer, number, invoice_date, due_date, amount, open, issued, closed_as)
            ON CONFLICT (invoice_id) DO UPDATE SET
                number = CASE WHEN excluded.number <> '' THEN excluded.number ELSE items.number END,
                invoice_date = coalesce(excluded.invoice_date, items.invoice_date),
                due_date = CASE WHEN excluded.issued OR NOT items.issued THEN excluded.due_date ELSE items.due_date END,
                amount = items.amount + excluded.amount,
                -- A cancellation is final, whichever of the invoice's events comes after it.
                open_amount = CASE WHEN items.closed_as = 'cancelled' THEN 0 ELSE items.open_amount + excluded.open_amount END,
                issued = items.issued OR excluded.issued,
                closed_as = coalesce(excluded.closed_as, items.closed_as);
            """,
            [
                new NpgsqlParameter("tenant", tenant),
                new NpgsqlParameter("now", now),
                new NpgsqlParameter("today", today),
                new NpgsqlParameter("ids", changes.Select(c => c.InvoiceId).ToArray()),
                new NpgsqlParameter("customers", changes.Select(c => c.CustomerId).ToArray()),
                new NpgsqlParameter("numbers", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = changes.Select(c => c.Number).ToArray() },
                new NpgsqlParameter("invoice_dates", NpgsqlDbType.Array | NpgsqlDbType.Date) { Value = changes.Select(c => c.InvoiceDate).ToArray() },
                new NpgsqlParameter("due_dates", changes.Select(c => c.DueDate).ToArray()),
                new NpgsqlParameter("amounts", changes.Select(c => c.AmountDelta).ToArray()),
                new NpgsqlParameter("opens", changes.Select(c => c.OpenDelta).ToArray()),
                new NpgsqlParameter("issued", changes.Select(c => c.Issued).ToArray()),
                new NpgsqlParameter("closed", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = changes.Select(c => c.ClosedAs).ToArray() },
            ], cancellationToken);
    }

    /// <summary>Closes an invoice (cancelled): nothing is open on it any more, whatever the other events said.</summary>
    public static Task CloseAsync(CollectionsDbContext db, Guid invoiceId, string closedAs, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync($"UPDATE items SET open_amount = 0, closed_as = {closedAs} WHERE invoice_id = {invoiceId}", cancellationToken);

    /// <summary>Makes sure the account row exists (a customer event before any invoice), with the tenant known.</summary>
    public static Task EnsureAccountsAsync(CollectionsDbContext db, Guid tenant, Guid[] customers, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlRawAsync("""
            INSERT INTO tenants (id, known_since) VALUES (@tenant, @now) ON CONFLICT DO NOTHING;
            INSERT INTO accounts (customer_id, tenant_id, code, name, broken_promises, on_hold, updated_at)
            SELECT DISTINCT c, @tenant, '', '', 0, false, @now FROM unnest(@customers) AS c
            ON CONFLICT DO NOTHING;
            """,
            [new NpgsqlParameter("tenant", tenant), new NpgsqlParameter("now", now), new NpgsqlParameter("customers", customers)], cancellationToken);
}
