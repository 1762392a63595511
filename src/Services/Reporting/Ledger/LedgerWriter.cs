using ArPlatform.Reporting.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ArPlatform.Reporting.Ledger;

/// <summary>
/// Adds postings to a tenant's ledger: its customers' days and months and the tenant's days and months, in one round
/// trip of four upserts. Call it after the tenant's change lock (<see cref="Aging.AgingSnapshot.LockAsync"/>) in the same
/// transaction: a ledger not built yet is left alone, since its build from the event tables will count the change.
/// </summary>
public static class LedgerWriter
{
    /// <summary>How many running sums the tenant's days and months are spread over (<see cref="TenantLedgerDay"/>).</summary>
    public const int TenantSlots = 8;

    public static async Task ApplyAsync(ReportingDbContext db, IEnumerable<LedgerPosting> postings, CancellationToken cancellationToken)
    {
        var tenant = db.Tenant.RequiredTenantId;
        var list = postings.Where(p => !p.Amounts.IsZero).ToList();
        if (list.Count == 0 || !await db.LedgerStates.AnyAsync(s => s.TenantId == tenant, cancellationToken))
        {
            return;
        }

        // One lock order for every consumer (day or month, then customer): concurrent upserts cannot deadlock.
        var days = Sum(list, p => (p.Day, p.CustomerId));
        var months = Sum(list, p => (LedgerPostings.MonthOf(p.Day), p.CustomerId));
        var tenantDays = Sum(list, p => (p.Day, Guid.Empty));
        var tenantMonths = Sum(list, p => (LedgerPostings.MonthOf(p.Day), Guid.Empty));
        var slot = (short)Random.Shared.Next(TenantSlots);

        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var batch = new NpgsqlBatch((NpgsqlConnection)db.Database.GetDbConnection());
            batch.BatchCommands.Add(Upsert("ledger_days", "day", "customer_id", tenant, days, key => key.CustomerId));
            batch.BatchCommands.Add(Upsert("ledger_months", "month", "customer_id", tenant, months, key => key.CustomerId));
            batch.BatchCommands.Add(Upsert("tenant_ledger_days", "day", "slot", tenant, tenantDays, _ => slot));
            batch.BatchCommands.Add(Upsert("tenant_ledger_months", "month", "slot", tenant, tenantMonths, _ => slot));
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static List<KeyValuePair<(DateOnly Date, Guid CustomerId), LedgerAmounts>> Sum(
        List<LedgerPosting> postings, Func<LedgerPosting, (DateOnly, Guid)> key) =>
        [.. postings.GroupBy(key).Select(g => KeyValuePair.Create(g.Key, g.Aggregate(default(LedgerAmounts), (sum, p) => sum + p.Amounts)))
            .Where(e => !e.Value.IsZero)
            .OrderBy(e => e.Key.Item1).ThenBy(e => e.Key.Item2)];

    private static NpgsqlBatchCommand Upsert<TKey>(
        string table, string dateColumn, string keyColumn, Guid tenant, List<KeyValuePair<(DateOnly Date, Guid CustomerId), LedgerAmounts>> rows,
        Func<(DateOnly Date, Guid CustomerId), TKey> key)
    {
        var sets = string.Join(", ", LedgerColumns.Flows.Select(c => $"{c} = {table}.{c} + excluded.{c}"));
        var command = new NpgsqlBatchCommand($"""
            INSERT INTO {table} (tenant_id, {dateColumn}, {keyColumn}, {string.Join(", ", LedgerColumns.Flows)})
            SELECT @tenant, unnest(@date), unnest(@key), {string.Join(", ", LedgerColumns.Flows.Select(c => $"unnest(@{c})"))}
            ON CONFLICT (tenant_id, {dateColumn}, {keyColumn}) DO UPDATE SET {sets}
            """);
        command.Parameters.Add(new NpgsqlParameter<Guid>("tenant", tenant));
        command.Parameters.Add(new NpgsqlParameter<DateOnly[]>("date", [.. rows.Select(r => r.Key.Date)]));
        command.Parameters.Add(new NpgsqlParameter<TKey[]>("key", [.. rows.Select(r => key(r.Key))]));
        foreach (var (column, value) in LedgerColumns.Values)
        {
            command.Parameters.Add(new NpgsqlParameter<decimal[]>(column, [.. rows.Select(r => value(r.Value))]));
        }

        return command;
    }
}

/// <summary>The ledger's flow columns, in one order for every statement that names them.</summary>
public static class LedgerColumns
{
    public static readonly IReadOnlyList<(string Column, Func<LedgerAmounts, decimal> Value)> Values =
    [
        ("invoiced", a => a.Invoiced), ("debit_notes", a => a.DebitNotes), ("cancelled", a => a.Cancelled), ("collected", a => a.Collected),
        ("credit_notes", a => a.CreditNotes), ("written_off", a => a.WrittenOff), ("not_due", a => a.NotDue),
        ("collected_days_late", a => a.CollectedDaysLate),
    ];

    public static readonly IReadOnlyList<string> Flows = [.. Values.Select(v => v.Column)];
}
