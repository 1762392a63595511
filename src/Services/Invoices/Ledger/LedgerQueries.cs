using ArPlatform.Invoices.Payments;
using ArPlatform.Invoices.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Invoices.Ledger;

/// <summary>The ledger's SQL: the account lock and the open invoices a settlement can reach.</summary>
public static class LedgerQueries
{
    public static Task LockAccountsAsync(InvoicesDbContext db, Guid[] customerIds, CancellationToken cancellationToken) =>
        customerIds.Length == 1
            ? db.Database.ExecuteSqlAsync($"SELECT 1 FROM customers WHERE id = {customerIds[0]} FOR UPDATE", cancellationToken)
            : db.Database.ExecuteSqlAsync($"SELECT 1 FROM customers WHERE id = ANY({customerIds}) ORDER BY id FOR UPDATE", cancellationToken);

    /// <summary>
    /// A customer's open invoices a payment can reach, with what is open on each: every invoice named (in the
    /// allocations or the remittance text) and, oldest due first, as many others as cover <paramref name="capacity"/>
    /// (all of them when null). The open amounts are the kept ones, read through the partial index of open invoices,
    /// so a customer with 10,000 open invoices costs a payment a few dozen rows.
    /// </summary>
    public static async Task<List<OpenInvoice>> OpenInvoicesAsync(
        InvoicesDbContext db, Guid customerId, decimal? capacity, IEnumerable<string>? named, CancellationToken cancellationToken = default)
    {
        var tenant = db.Tenant.RequiredTenantId;
        var names = (named ?? []).Select(n => n.Trim().ToUpperInvariant()).Where(n => n.Length is > 0 and <= 50).Distinct().ToArray();
        List<OpenInvoiceRow> byName = names.Length == 0 ? [] : await db.Database.SqlQueryRaw<OpenInvoiceRow>(
            OpenInvoicesSql + " AND upper(i.number) = ANY({2})", tenant, customerId, names).ToListAsync(cancellationToken);
        for (var limit = capacity is null ? int.MaxValue : 64; ; limit = limit > int.MaxValue / 8 ? int.MaxValue : limit * 8)
        {
            var oldest = await db.Database.SqlQueryRaw<OpenInvoiceRow>(
                OpenInvoicesSql + """ ORDER BY i.due_date, i.invoice_date, i.number COLLATE "C" LIMIT {2}""", tenant, customerId, limit)
                .ToListAsync(cancellationToken);
            if (oldest.Count < limit || oldest.Sum(r => r.Open) >= capacity || limit == int.MaxValue)
            {
                return [.. oldest.Concat(byName).DistinctBy(r => r.Id).Select(r => new OpenInvoice(r.Id, r.Number, r.InvoiceDate, r.DueDate, r.Amount, r.Open,
                    r.DiscountPercent is { } percent && r.DiscountDays is { } days ? new DiscountTerms(percent, days) : null))];
            }
        }
    }

    /// <summary>A customer's open invoices ({0} tenant, {1} customer), in the partial index ix_invoices_open_oldest_due.</summary>
    private const string OpenInvoicesSql = """
        SELECT i.id AS "Id", i.number AS "Number", i.invoice_date AS "InvoiceDate", i.due_date AS "DueDate", i.amount AS "Amount",
               i.open_amount AS "Open", i.discount_percent AS "DiscountPercent", i.discount_days AS "DiscountDays"
        FROM invoices i
        WHERE i.tenant_id = {0} AND i.customer_id = {1} AND i.cancelled_on IS NULL AND i.open_amount > 0
        """;

    private sealed record OpenInvoiceRow(
        Guid Id, string Number, DateOnly InvoiceDate, DateOnly DueDate, decimal Amount, decimal Open, decimal? DiscountPercent, int? DiscountDays);
}
