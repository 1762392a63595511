using System.Text.Json;
using ArPlatform.Invoices.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Invoices.Statements;

/// <summary>The statements' queries: the ledger a statement is built from, and the kept monthly statements.</summary>
public static class StatementQueries
{
    /// <summary>Keeps a customer's statement of a month once: a replica that produced it first wins.</summary>
    public static Task KeepMonthlyAsync(
        InvoicesDbContext db, Guid tenant, Guid customerId, DateOnly month, Statement statement, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync($"""
            INSERT INTO monthly_statements (tenant_id, customer_id, month, opening_balance, closing_balance, body, produced_at)
            VALUES ({tenant}, {customerId}, {month}, {statement.OpeningBalance}, {statement.ClosingBalance},
                    {JsonSerializer.Serialize(statement, JsonSerializerOptions.Web)}::jsonb, {now})
            ON CONFLICT DO NOTHING
            """, cancellationToken);

    /// <summary>The customer's ledger up to <paramref name="to"/>, each entry with its invoice, payment or note reference.</summary>
    public static async Task<List<StatementEntry>> EntriesAsync(InvoicesDbContext db, Guid customerId, DateOnly to) =>
        await (from l in db.Ledger.AsNoTracking()
               where l.CustomerId == customerId && l.EffectiveDate <= to
               join i in db.Invoices on l.InvoiceId equals i.Id into invoices
               from i in invoices.DefaultIfEmpty()
               join p in db.Payments on l.PaymentId equals p.Id into payments
               from p in payments.DefaultIfEmpty()
               join c in db.CreditNotes on l.DocumentId equals c.Id into credits
               from c in credits.DefaultIfEmpty()
               join d in db.DebitNotes on l.DocumentId equals d.Id into debits
               from d in debits.DefaultIfEmpty()
               select new StatementEntry(l.EffectiveDate, l.RecordedAt, l.Kind, l.Amount, l.InvoiceId, i != null ? i.Number : null,
                   i != null ? i.DueDate : null, l.PaymentId, p != null ? p.Reference : null, p != null ? p.Mode : null, l.DocumentId,
                   c != null ? c.Number : d != null ? d.Number : null))
            .ToListAsync();
}
