using ArPlatform.Reporting.Ledger;
using ArPlatform.Reporting.Outcomes;
using ArPlatform.Reporting.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ArPlatform.Reporting.Kpis;

/// <summary>
/// The KPIs' inputs as of a date from the kept ledger, never from the invoices: a sum as of D is the months before D's
/// month plus D's month's days up to D, so a read touches the tenant's months and at most two months of its days.
/// </summary>
public static class KpiInputsQuery
{
    /// <summary>The tenant's inputs, from its own ledger (a few rows per month).</summary>
    public static async Task<KpiInputs> ForTenantAsync(ReportingDbContext db, DateOnly asOf, int periodDays, CancellationToken cancellationToken)
    {
        var total = new KpiInputs();
        foreach (var inputs in (await LedgerAsync(db, "tenant_ledger_months", "tenant_ledger_days", "slot", r => (object)r.GetInt16(0), asOf, periodDays,
                     cancellationToken)).Values)
        {
            total.Add(inputs);
        }

        var outcomes = await OutcomesAsync(db, asOf, periodDays, byCustomer: false, cancellationToken);
        foreach (var customer in outcomes.Values)
        {
            total.Add(customer);
        }

        return total;
    }

    /// <summary>Each customer's inputs (a customer with no entries and no outcomes is left out).</summary>
    public static async Task<Dictionary<Guid, KpiInputs>> ByCustomerAsync(ReportingDbContext db, DateOnly asOf, int periodDays, CancellationToken cancellationToken)
    {
        var ledger = await LedgerAsync(db, "ledger_months", "ledger_days", "customer_id", r => r.GetGuid(0), asOf, periodDays, cancellationToken);
        var customers = ledger.ToDictionary(e => (Guid)e.Key, e => e.Value);
        foreach (var (customer, outcomes) in await OutcomesAsync(db, asOf, periodDays, byCustomer: true, cancellationToken))
        {
            if (customers.TryGetValue(customer, out var inputs))
            {
                inputs.Add(outcomes);
            }
            else
            {
                customers[customer] = outcomes;
            }
        }

        return customers;
    }

    private static async Task<Dictionary<object, KpiInputs>> LedgerAsync(ReportingDbContext db, string monthsTable, string daysTable, string keyColumn,
        Func<NpgsqlDataReader, object> key, DateOnly asOf, int periodDays, CancellationToken cancellationToken)
    {
        var beginning = asOf.AddDays(-periodDays);
        var flows = LedgerColumns.Flows;
        string Sums(string prefix, string? filter) =>
            string.Join(", ", flows.Select(c => filter is null ? $"sum({c}) AS {prefix}{c}" : $"sum({c}) FILTER (WHERE {filter}) AS {prefix}{c}"));
        var sql = $"""
            WITH months AS (
                SELECT {keyColumn} AS k, {Sums("e_", null)}, {Sums("b_", "month < @b_month")},
                       array_agg(month ORDER BY month) FILTER (WHERE month >= @first_month) AS sales_months,
                       array_agg({LedgerAmounts.CreditSalesSql} ORDER BY month) FILTER (WHERE month >= @first_month) AS sales
                FROM {monthsTable} WHERE tenant_id = @tenant AND month < @e_month GROUP BY 1
            ), days AS (
                SELECT {keyColumn} AS k, {Sums("e_", "day >= @e_month")}, {Sums("b_", "day >= @b_month AND day <= @b")}
                FROM {daysTable}
                WHERE tenant_id = @tenant AND (day BETWEEN @e_month AND @e OR day BETWEEN @b_month AND @b) GROUP BY 1
            )
            SELECT coalesce(months.k, days.k), {string.Join(", ", flows.Select(c => $"months.e_{c}, months.b_{c}, days.e_{c}, days.b_{c}"))},
                   months.sales_months, months.sales
            FROM months FULL JOIN days ON days.k = months.k
            """;
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = ((NpgsqlConnection)db.Database.GetDbConnection()).CreateCommand();
            command.CommandText = sql;
            command.Parameters.Add(new NpgsqlParameter<Guid>("tenant", db.Tenant.RequiredTenantId));
            command.Parameters.Add(new NpgsqlParameter<DateOnly>("e", asOf));
            command.Parameters.Add(new NpgsqlParameter<DateOnly>("e_month", LedgerPostings.MonthOf(asOf)));
            command.Parameters.Add(new NpgsqlParameter<DateOnly>("b", beginning));
            command.Parameters.Add(new NpgsqlParameter<DateOnly>("b_month", LedgerPostings.MonthOf(beginning)));
            command.Parameters.Add(new NpgsqlParameter<DateOnly>("first_month", LedgerPostings.MonthOf(asOf).AddMonths(1 - KpiFormulas.CountbackMonths)));
            var result = new Dictionary<object, KpiInputs>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                decimal At(int flow, int part) => reader.IsDBNull(1 + flow * 4 + part) ? 0 : reader.GetDecimal(1 + flow * 4 + part);
                LedgerAmounts Sum(int monthsPart, int daysPart) => new(
                    At(0, monthsPart) + At(0, daysPart), At(1, monthsPart) + At(1, daysPart), At(2, monthsPart) + At(2, daysPart),
                    At(3, monthsPart) + At(3, daysPart), At(4, monthsPart) + At(4, daysPart), At(5, monthsPart) + At(5, daysPart),
                    At(6, monthsPart) + At(6, daysPart), At(7, monthsPart) + At(7, daysPart));
                var inputs = new KpiInputs { AtEnd = Sum(0, 2), AtBeginning = Sum(1, 3) };
                var salesColumn = 1 + flows.Count * 4;
                if (!reader.IsDBNull(salesColumn))
                {
                    var months = reader.GetFieldValue<DateOnly[]>(salesColumn);
                    var sales = reader.GetFieldValue<decimal[]>(salesColumn + 1);
                    for (var i = 0; i < months.Length; i++)
                    {
                        inputs.MonthlyCreditSales[months[i]] = sales[i];
                    }
                }

                // The as-of date's month so far, from its days.
                var thisMonth = new LedgerAmounts(At(0, 2), At(1, 2), At(2, 2), At(3, 2), At(4, 2), At(5, 2), At(6, 2), At(7, 2));
                inputs.MonthlyCreditSales[LedgerPostings.MonthOf(asOf)] = thisMonth.CreditSales;
                result[key(reader)] = inputs;
            }

            return result;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// Each customer's promises and disputes as of the date (or the tenant's, under <see cref="Guid.Empty"/>): what had been
    /// decided or resolved by then, not what came after.
    /// </summary>
    private static async Task<Dictionary<Guid, KpiInputs>> OutcomesAsync(ReportingDbContext db, DateOnly asOf, int periodDays, bool byCustomer,
        CancellationToken cancellationToken)
    {
        var tenant = db.Tenant.RequiredTenantId;
        var start = asOf.AddDays(1 - periodDays);
        var (kept, broken) = (PromiseStatuses.Kept, PromiseStatuses.Broken);
        var promises = await db.Database.SqlQuery<PromiseRow>($"""
            SELECT CASE WHEN {byCustomer} THEN customer_id ELSE {Guid.Empty} END AS "CustomerId",
                   count(*) FILTER (WHERE status = {kept} AND decided_on <= promised_date)::int AS "Kept",
                   coalesce(sum(amount) FILTER (WHERE status = {kept} AND decided_on <= promised_date), 0) AS "KeptAmount",
                   count(*) FILTER (WHERE status = {kept} AND decided_on > promised_date AND decided_on <= {asOf})::int AS "KeptLate",
                   coalesce(sum(amount) FILTER (WHERE status = {kept} AND decided_on > promised_date AND decided_on <= {asOf}), 0) AS "KeptLateAmount",
                   count(*) FILTER (WHERE status = {broken} AND decided_on <= {asOf})::int AS "Broken",
                   coalesce(sum(amount) FILTER (WHERE status = {broken} AND decided_on <= {asOf}), 0) AS "BrokenAmount",
                   count(*) FILTER (WHERE decided_on IS NULL OR decided_on > {asOf})::int AS "Undecided",
                   coalesce(sum(amount) FILTER (WHERE decided_on IS NULL OR decided_on > {asOf}), 0) AS "UndecidedAmount"
            FROM report_promises WHERE tenant_id = {tenant} AND promised_date BETWEEN {start} AND {asOf}
            GROUP BY 1
            """).ToListAsync(cancellationToken);
        var disputes = await db.Database.SqlQuery<DisputeRow>($"""
            SELECT CASE WHEN {byCustomer} THEN customer_id ELSE {Guid.Empty} END AS "CustomerId",
                   count(*) FILTER (WHERE raised_on >= {start})::int AS "Raised",
                   coalesce(sum(amount) FILTER (WHERE raised_on >= {start}), 0) AS "RaisedAmount",
                   count(*) FILTER (WHERE resolved_on BETWEEN {start} AND {asOf})::int AS "Resolved",
                   count(*) FILTER (WHERE resolved_on IS NULL OR resolved_on > {asOf})::int AS "Open",
                   coalesce(sum(amount) FILTER (WHERE resolved_on IS NULL OR resolved_on > {asOf}), 0) AS "OpenAmount",
                   coalesce(sum({asOf} - raised_on) FILTER (WHERE resolved_on IS NULL OR resolved_on > {asOf}), 0)::bigint AS "OpenAgeDays",
                   count(*) FILTER (WHERE (resolved_on IS NULL OR resolved_on > {asOf}) AND sla_due_on < {asOf})::int AS "PastSla"
            FROM report_disputes
            WHERE tenant_id = {tenant} AND raised_on <= {asOf} AND (resolved_on IS NULL OR resolved_on >= {start})
            GROUP BY 1
            """).ToListAsync(cancellationToken);
        var result = new Dictionary<Guid, KpiInputs>();
        KpiInputs For(Guid customer) => result.TryGetValue(customer, out var inputs) ? inputs : result[customer] = new KpiInputs();
        foreach (var p in promises)
        {
            For(p.CustomerId).Promises = new PromiseCounts(p.Kept, p.KeptAmount, p.KeptLate, p.KeptLateAmount, p.Broken, p.BrokenAmount, p.Undecided,
                p.UndecidedAmount);
        }

        foreach (var d in disputes)
        {
            For(d.CustomerId).Disputes = new DisputeCounts(d.Raised, d.RaisedAmount, d.Resolved, d.Open, d.OpenAmount, d.OpenAgeDays, d.PastSla);
        }

        return result;
    }

    private sealed record PromiseRow(
        Guid CustomerId, int Kept, decimal KeptAmount, int KeptLate, decimal KeptLateAmount, int Broken, decimal BrokenAmount, int Undecided,
        decimal UndecidedAmount);

    private sealed record DisputeRow(Guid CustomerId, int Raised, decimal RaisedAmount, int Resolved, int Open, decimal OpenAmount, long OpenAgeDays, int PastSla);
}
