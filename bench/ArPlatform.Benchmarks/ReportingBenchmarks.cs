using System.Diagnostics;
using System.Text.Json.Nodes;
using Npgsql;
using static ArPlatform.Benchmarks.Measurements;

namespace ArPlatform.Benchmarks;

/// <summary>
/// The reporting issue's figures on a tenant of <c>--reporting-invoices</c> invoices over two years and
/// <c>--reporting-dealers</c> customers (distributors with their dealers), most paid around their due dates, some partly,
/// a few written off, seeded straight into Reporting's event tables: building the kept ledger once; KPIs as of today and
/// as of a year back through the gateway, for the tenant and per dealer, each beside the full SQL computation of the
/// same inputs from the event tables.
/// </summary>
public sealed class ReportingBenchmarks(BenchmarkPlatform platform, BenchmarkOptions options, Action<string> report)
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTime.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata")));

    public async Task RunAsync()
    {
        var (token, tenant) = await platform.NewTenantAsync();
        await SeedAsync(tenant);
        await WaitForQuietMachineAsync("the seeding's analyze and autovacuum");

        var watch = Stopwatch.StartNew();
        await platform.JsonAsync(HttpMethod.Get, "/api/v1/reports/kpis", token);
        report($"Reporting: the kept ledger of {options.ReportingInvoices:N0} invoices and their settlements built by the first KPI request in " +
               $"{watch.Elapsed.TotalSeconds:0.0} s (once per tenant)");
        await WaitForQuietMachineAsync("the ledger's autovacuum");

        var yearBack = Today.AddYears(-1);
        var baselineToday = await BaselineAsync(tenant, Today, 10);
        var baselineYearBack = await BaselineAsync(tenant, yearBack, 10);
        var paths = new[]
        {
            "/api/v1/reports/kpis", $"/api/v1/reports/kpis?asOf={yearBack:yyyy-MM-dd}", "/api/v1/reports/kpis?groupBy=dealer",
            $"/api/v1/reports/kpis?asOf={yearBack:yyyy-MM-dd}&groupBy=dealer",
        };
        var latencies = await InterleavedLatenciesAsync(platform, token, paths, 100);
        string Figures(List<double> l) => $"p50 {P(l, 50):0.0} ms, p95 {P(l, 95):0.0} ms";
        report($"KPIs as of today over {options.ReportingInvoices:N0} invoices, {options.ReportingDealers:N0} dealers, through the gateway: " +
               $"{Figures(latencies[0])} (target p95 ≤ 30 ms); the full SQL computation of the same inputs from the event tables: p50 {P(baselineToday, 50):0} ms " +
               $"(ratio {P(baselineToday, 50) / P(latencies[0], 50):0}x)");
        report($"KPIs as of {yearBack:yyyy-MM-dd} (a year back): {Figures(latencies[1])} (target p95 ≤ 100 ms); full SQL computation: " +
               $"p50 {P(baselineYearBack, 50):0} ms (ratio {P(baselineYearBack, 50) / P(latencies[1], 50):0}x)");
        report($"KPIs per dealer, the hierarchy rolled up ({options.ReportingDealers:N0} groups): as of today {Figures(latencies[2])}, a year back {Figures(latencies[3])}");

        var expectedBaseline = await TimedAsync(ExpectedBaselineSql, tenant, Today, 10);
        var expected = await InterleavedLatenciesAsync(platform, token, ["/api/v1/reports/expected-collections", "/api/v1/reports/expected-collections?groupBy=dealer"], 50);
        // Each request asks for a number of weeks not asked before, so none is answered from the cache: the figures as computed after a change.
        var computed = new List<double>();
        for (var weeks = 3; weeks <= 52; weeks++)
        {
            var request = Stopwatch.StartNew();
            await platform.JsonAsync(HttpMethod.Get, $"/api/v1/reports/expected-collections?weeks={weeks}", token);
            computed.Add(request.Elapsed.TotalMilliseconds);
        }

        report($"Expected collections (13 weeks) through the gateway, from the cache the events invalidate: {Figures(expected[0])} (target ≤ 100 ms), per " +
               $"dealer {Figures(expected[1])}; computed (the first request after a change): {Figures(computed)}; the same sums from the event tables (open " +
               $"amounts per invoice, then lateness and weeks): p50 {P(expectedBaseline, 50):0} ms (ratio to computed {P(expectedBaseline, 50) / P(computed, 50):0.0}x)");

        await MonthlyClientReportAsync(token);
    }

    /// <summary>
    /// The last month's client report (every dealer planned, so the plan sheet has a row per dealer), made on demand three
    /// times, beside the JSON reads of the same figures through the gateway (KPIs, their 12 month ends, plan against actual per
    /// dealer, expected collections) one after another: what rendering, the lists and keeping the files add.
    /// </summary>
    private async Task MonthlyClientReportAsync(string token)
    {
        var lastMonth = new DateOnly(Today.Year, Today.Month, 1).AddMonths(-1);
        var periodTo = lastMonth.AddMonths(1).AddDays(-1);
        var rows = Enumerable.Range(1, options.ReportingDealers).Select(n => new { dealerCode = $"D{n:00000}", planned = 100_000m + n }).ToArray();
        await platform.JsonAsync(HttpMethod.Put, $"/api/v1/reports/plans/{lastMonth:yyyy-MM}", token, new { rows });
        var reads = new List<double>();
        var made = new List<double>();
        var server = new List<double>();
        JsonObject? last = null;
        for (var run = 0; run < 3; run++)
        {
            var watch = Stopwatch.StartNew();
            await platform.JsonAsync(HttpMethod.Get, $"/api/v1/reports/kpis?asOf={periodTo:yyyy-MM-dd}", token);
            await platform.JsonAsync(HttpMethod.Get, $"/api/v1/reports/kpis/trend?from={periodTo.AddMonths(-11):yyyy-MM-dd}&to={periodTo:yyyy-MM-dd}&interval=month", token);
            await platform.JsonAsync(HttpMethod.Get, $"/api/v1/reports/plan-vs-actual?month={lastMonth:yyyy-MM}", token);
            await platform.JsonAsync(HttpMethod.Get, "/api/v1/reports/expected-collections", token);
            reads.Add(watch.Elapsed.TotalMilliseconds);
            watch.Restart();
            last = await platform.JsonAsync(HttpMethod.Post, "/api/v1/reports/periodic/runs", token, new { from = lastMonth, to = periodTo, email = false });
            made.Add(watch.Elapsed.TotalMilliseconds);
            server.Add((int)last["generatedInMs"]!);
        }

        report($"Monthly client report of {lastMonth:MMMM yyyy} for {options.ReportingDealers:N0} dealers (XLSX {(int)last!["xlsxBytes"]! / 1024:N0} KB, " +
               $"PDF {(int)last["pdfBytes"]! / 1024:N0} KB), made on demand through the gateway: median {P(made, 50) / 1000:0.00} s (in the service " +
               $"{P(server, 50) / 1000:0.00} s; target ≤ 10 s); the JSON reads of the same figures one after another: {P(reads, 50) / 1000:0.00} s " +
               $"(ratio {P(made, 50) / P(reads, 50):0.0}x)");
    }

    private async Task SeedAsync(Guid tenant)
    {
        var watch = Stopwatch.StartNew();
        await using var connection = new NpgsqlConnection(platform.AdminConnectionString("reportingdb"));
        await connection.OpenAsync();
        // Customer n's id is fixed by n; the first 5% are distributors, every other customer a dealer under one of them.
        const string customer = "('00000000-0000-7000-8000-' || lpad(to_hex({0}), 12, '0'))::uuid";
        var sql = $"""
            INSERT INTO report_customers (customer_id, tenant_id, code, name, type, region, parent_id, collector, portfolio, updated_at)
            SELECT {string.Format(customer, "n")}, @tenant, 'D' || lpad(n::text, 5, '0'), 'Dealer ' || n,
                   CASE WHEN n <= @distributors THEN 'distributor' ELSE 'dealer' END, (ARRAY['North', 'South', 'East', 'West'])[1 + n % 4],
                   CASE WHEN n > @distributors THEN {string.Format(customer, "1 + n % @distributors")} END, 'collector' || (n % 20), 'retail', now()
            FROM generate_series(1, @dealers) n;
            INSERT INTO receivables (invoice_id, tenant_id, customer_id, number, invoice_date, due_date, amount, currency)
            SELECT ('00000000-0000-7000-9000-' || lpad(to_hex(n), 12, '0'))::uuid, @tenant, {string.Format(customer, "1 + n % @dealers")},
                   'INV-' || lpad(n::text, 8, '0'), @today - (n % 730), @today - (n % 730) + 30 + (n % 3) * 15, 1000 + (n % 997) + 0.5, 'INR'
            FROM generate_series(1, @invoices) n;
            -- 80% paid in full between 10 days early and 30 days late, 10% half paid 20 days late, one in 500 of the others written off.
            INSERT INTO settlements (id, payment_id, invoice_id, kind, tenant_id, customer_id, due_date, effective_date, amount)
            SELECT gen_random_uuid(), gen_random_uuid(), ('00000000-0000-7000-9000-' || lpad(to_hex(n), 12, '0'))::uuid, s.kind, @tenant,
                   {string.Format(customer, "1 + n % @dealers")}, i.due, s.effective, s.amount
            FROM generate_series(1, @invoices) n,
                 LATERAL (SELECT @today - (n % 730) + 30 + (n % 3) * 15 AS due, 1000 + (n % 997) + 0.5 AS amount) i,
                 LATERAL (
                     SELECT 'allocated' AS kind, i.due + (n % 41) - 10 AS effective, i.amount AS amount WHERE n % 10 < 8
                     UNION ALL SELECT 'allocated', i.due + 20, round(i.amount / 2, 2) WHERE n % 10 = 8
                     UNION ALL SELECT 'written-off', i.due + 200, i.amount WHERE n % 500 = 9
                 ) s
            WHERE s.effective <= @today;
            INSERT INTO report_promises (promise_id, tenant_id, customer_id, amount, promised_date, status, collected, decided_on)
            SELECT gen_random_uuid(), @tenant, {string.Format(customer, "1 + n % @dealers")}, 5000 + n % 1000, @today - n % 365,
                   (ARRAY['kept', 'broken', 'kept'])[1 + n % 3], 0, @today - n % 365 + (n % 3) * 2
            FROM generate_series(1, @invoices / 50) n;
            INSERT INTO report_disputes (dispute_id, tenant_id, customer_id, invoice_id, amount, raised_on, sla_due_on, resolved_on, outcome)
            SELECT gen_random_uuid(), @tenant, {string.Format(customer, "1 + n % @dealers")}, gen_random_uuid(), 2000, @today - n % 400,
                   @today - n % 400 + 15, CASE WHEN n % 10 < 7 THEN @today - n % 400 + n % 30 END, CASE WHEN n % 10 < 7 THEN 'invalid' END
            FROM generate_series(1, @invoices / 200) n;
            ANALYZE report_customers; ANALYZE receivables; ANALYZE settlements; ANALYZE report_promises; ANALYZE report_disputes;
            """;
        await using (var command = new NpgsqlCommand(sql, connection))
        {
            command.CommandTimeout = 0;
            command.Parameters.Add(new NpgsqlParameter<Guid>("tenant", tenant));
            command.Parameters.Add(new NpgsqlParameter<DateOnly>("today", Today));
            command.Parameters.Add(new NpgsqlParameter<int>("dealers", options.ReportingDealers));
            command.Parameters.Add(new NpgsqlParameter<int>("distributors", Math.Max(1, options.ReportingDealers / 20)));
            command.Parameters.Add(new NpgsqlParameter<int>("invoices", options.ReportingInvoices));
            await command.ExecuteNonQueryAsync();
        }

        Console.WriteLine($"  seeded {options.ReportingDealers:N0} dealers and {options.ReportingInvoices:N0} invoices in {watch.Elapsed.TotalSeconds:0.0} s");
    }

    /// <summary>
    /// Milliseconds the database takes to compute the tenant's KPI inputs as of <paramref name="asOf"/> (90 days) straight
    /// from the event tables, as the ledger spares a request from doing: ending, beginning and current AR, the period's
    /// sales, collections and write-offs, 24 months of sales for the countback, promises and disputes.
    /// </summary>
    private Task<List<double>> BaselineAsync(Guid tenant, DateOnly asOf, int runs) => TimedAsync(KpiBaselineSql, tenant, asOf, runs);

    /// <summary>Expected collections' sums computed without the kept open amounts: each invoice's open amount from the event tables.</summary>
    private const string ExpectedBaselineSql = """
        WITH lateness AS (
            SELECT customer_id, sum(amount * (effective_date - due_date)) / nullif(sum(amount), 0) AS days FROM settlements
            WHERE tenant_id = @tenant AND kind = 'allocated' AND effective_date > @d - 365 AND effective_date <= @d GROUP BY 1
        ), open AS (
            SELECT r.customer_id, r.due_date, r.amount - coalesce(s.settled, 0) AS open_amount
            FROM receivables r LEFT JOIN (SELECT invoice_id, sum(amount) AS settled FROM settlements WHERE tenant_id = @tenant GROUP BY 1) s USING (invoice_id)
            WHERE r.tenant_id = @tenant
        )
        SELECT o.customer_id, CASE WHEN o.due_date < @d THEN -1 ELSE least((greatest(@d, o.due_date + round(coalesce(l.days, 0))::int) - @d) / 7, 13) END,
               sum(open_amount), count(*) FILTER (WHERE @b IS NOT NULL)
        FROM open o LEFT JOIN lateness l USING (customer_id) WHERE open_amount > 0 GROUP BY 1, 2
        """;

    private const string KpiBaselineSql = """
            SELECT
              (SELECT sum(amount) FROM receivables WHERE tenant_id = @tenant AND invoice_date <= @d)
                - (SELECT coalesce(sum(amount), 0) FROM settlements WHERE tenant_id = @tenant AND effective_date <= @d),
              (SELECT sum(amount) FROM receivables WHERE tenant_id = @tenant AND invoice_date <= @d AND due_date >= @d)
                - (SELECT coalesce(sum(amount), 0) FROM settlements WHERE tenant_id = @tenant AND effective_date <= @d AND due_date >= @d AND effective_date <= due_date),
              (SELECT sum(amount) FROM receivables WHERE tenant_id = @tenant AND invoice_date <= @b)
                - (SELECT coalesce(sum(amount), 0) FROM settlements WHERE tenant_id = @tenant AND effective_date <= @b),
              (SELECT sum(amount) FILTER (WHERE kind IN ('allocated', 'reversed')) FROM settlements WHERE tenant_id = @tenant AND effective_date > @b AND effective_date <= @d),
              (SELECT sum(amount) FILTER (WHERE kind = 'written-off') FROM settlements WHERE tenant_id = @tenant AND effective_date > @b AND effective_date <= @d),
              (SELECT array_agg(sales ORDER BY month) FROM (SELECT date_trunc('month', invoice_date) AS month, sum(amount) AS sales FROM receivables
                 WHERE tenant_id = @tenant AND invoice_date <= @d AND invoice_date > @d - 731 GROUP BY 1) m),
              (SELECT count(*) FILTER (WHERE status = 'kept' AND decided_on <= promised_date) FROM report_promises
                 WHERE tenant_id = @tenant AND promised_date > @b AND promised_date <= @d),
              (SELECT count(*) FROM report_disputes WHERE tenant_id = @tenant AND raised_on <= @d AND (resolved_on IS NULL OR resolved_on > @d))
            """;

    private async Task<List<double>> TimedAsync(string sql, Guid tenant, DateOnly asOf, int runs)
    {
        await using var connection = new NpgsqlConnection(platform.AdminConnectionString("reportingdb"));
        await connection.OpenAsync();
        var times = new List<double>(runs);
        for (var run = 0; run < runs + 1; run++)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            command.Parameters.Add(new NpgsqlParameter<Guid>("tenant", tenant));
            command.Parameters.Add(new NpgsqlParameter<DateOnly>("d", asOf));
            command.Parameters.Add(new NpgsqlParameter<DateOnly>("b", asOf.AddDays(-90)));
            var watch = Stopwatch.StartNew();
            await using (var reader = await command.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                }
            }

            if (run > 0)
            {
                times.Add(watch.Elapsed.TotalMilliseconds);
            }
        }

        return times;
    }
}
