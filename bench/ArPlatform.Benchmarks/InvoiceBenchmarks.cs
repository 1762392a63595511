using System.Diagnostics;
using NpgsqlTypes;
using static ArPlatform.Benchmarks.Measurements;

namespace ArPlatform.Benchmarks;

/// <summary>
/// The invoices issue's three figures: bulk import end to end (accepted, durable and visible in Reporting's aging)
/// beside a raw COPY of the same rows; aging as of today over all those invoices beside the full computation; a
/// payment allocated against a customer with 10,000 open invoices beside one with a single invoice.
/// </summary>
public sealed class InvoiceBenchmarks(BenchmarkPlatform platform, BenchmarkOptions options, Action<string> report)
{
    private const int BatchSize = 5000;
    private static readonly DateOnly Today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTime.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata")));

    private sealed record Row(string Number, string CustomerCode, DateOnly InvoiceDate, DateOnly DueDate, decimal Amount);

    public async Task RunAsync()
    {
        var token = await platform.NewTenantTokenAsync();
        await RegisterCustomersAsync(token, options.Customers);
        var copyRate = await CopyBaselineAsync();
        await WarmUpAsync();
        await ImportAsync(token, copyRate);
        await AgingAsync(token);
        await AllocationAsync(token);
    }

    private string Code(int customer) => customer switch { 0 => "BIG", 1 => "SMALL", _ => $"C{customer:D6}" };

    private Row RowAt(int i)
    {
        var customer = i < options.BigCustomerInvoices ? 0 : 2 + (i % (options.Customers - 2));
        var invoiceDate = Today.AddDays(-(i % 400));
        return new Row($"INV-{i:D8}", Code(customer), invoiceDate, invoiceDate.AddDays(30), 1000m + (i % 997) + 0.5m);
    }

    private async Task RegisterCustomersAsync(string token, int customers)
    {
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, customers), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (c, _) =>
            await platform.JsonAsync(HttpMethod.Post, "/api/v1/customers", token, new { code = Code(c), name = $"Customer {c}" }));
        Console.WriteLine($"{customers} customers registered in {watch.Elapsed.TotalSeconds:0.0} s");
        await Task.Delay(TimeSpan.FromSeconds(3)); // let CustomerRegistered reach Invoices (the import would ask Customers otherwise)
    }

    /// <summary>Raw COPY (binary) of the same rows into a table shaped like invoices, indexes included: the ceiling.</summary>
    private async Task<double> CopyBaselineAsync()
    {
        var tenant = Guid.NewGuid();
        var customers = Enumerable.Range(0, options.Customers).Select(_ => Guid.NewGuid()).ToArray();
        var now = DateTimeOffset.UtcNow;
        var seconds = await Measurements.CopySecondsAsync(platform.AdminConnectionString("invoicesdb"), "invoices",
            "id, tenant_id, number, customer_id, customer_code, invoice_date, due_date, amount, currency, statutory_form, created_at", options.Invoices,
            async (writer, i) =>
            {
                var row = RowAt(i);
                await writer.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid);
                await writer.WriteAsync(tenant, NpgsqlDbType.Uuid);
                await writer.WriteAsync(row.Number, NpgsqlDbType.Varchar);
                await writer.WriteAsync(customers[i % customers.Length], NpgsqlDbType.Uuid);
                await writer.WriteAsync(row.CustomerCode, NpgsqlDbType.Varchar);
                await writer.WriteAsync(row.InvoiceDate, NpgsqlDbType.Date);
                await writer.WriteAsync(row.DueDate, NpgsqlDbType.Date);
                await writer.WriteAsync(row.Amount, NpgsqlDbType.Numeric);
                await writer.WriteAsync("INR", NpgsqlDbType.Varchar);
                await writer.WriteAsync("none", NpgsqlDbType.Varchar);
                await writer.WriteAsync(now, NpgsqlDbType.TimestampTz);
            });
        var rate = options.Invoices / seconds;
        report($"Raw COPY of {options.Invoices:N0} invoice rows (same columns and indexes): {seconds:0.0} s = {rate:N0} rows/s");
        return rate;
    }

    /// <summary>
    /// A small import into another tenant first, then a wait until the machine is quiet: the timed import then finds the
    /// platform as a running one is, its import code compiled and the COPY baseline's autovacuum done, instead of paying
    /// for both.
    /// </summary>
    private async Task WarmUpAsync()
    {
        const int customers = 22, invoices = 20_000;
        var token = await platform.NewTenantTokenAsync();
        await RegisterCustomersAsync(token, customers);
        var watch = Stopwatch.StartNew();
        await SendBatchesAsync(token, invoices, i => RowAt(i) with { Number = $"WARM-{i:D8}", CustomerCode = Code(2 + (i % (customers - 2))) }, "warm-up");
        Console.WriteLine($"  warm-up import of {invoices:N0} invoices into another tenant: {watch.Elapsed.TotalSeconds:0.0} s");
        await Measurements.WaitForQuietMachineAsync("the baseline's autovacuum and the warm-up's consumers to finish before the timed import");
    }

    private async Task ImportAsync(string token, double copyRate)
    {
        var expected = Enumerable.Range(0, options.Invoices).Sum(i => RowAt(i).Amount);
        var watch = Stopwatch.StartNew();
        var created = await SendBatchesAsync(token, options.Invoices, RowAt, "import");
        var accepted = watch.Elapsed.TotalSeconds;
        if (created != options.Invoices)
        {
            throw new InvalidOperationException($"{created} of {options.Invoices} invoices were created.");
        }

        decimal total;
        do
        {
            await Task.Delay(500);
            total = (decimal)(await platform.JsonAsync(HttpMethod.Get, "/api/v1/reports/aging", token))["total"]!;
        }
        while (total != expected && watch.Elapsed < TimeSpan.FromMinutes(30));
        var visible = watch.Elapsed.TotalSeconds;
        var rate = options.Invoices / visible;
        report($"Import of {options.Invoices:N0} invoices through the gateway ({options.Clients} clients, batches of {BatchSize}): accepted and durable in " +
               $"{accepted:0.0} s ({options.Invoices / accepted:N0}/s); visible in Reporting's aging after {visible:0.0} s = {rate:N0} invoices/s end to end " +
               $"= 1/{copyRate / rate:0.0} of raw COPY (target: at least 10,000/s and 1/7 of COPY){(total == expected ? "" : $"; NOT all visible: {total} of {expected}")}");
    }

    /// <summary>Sends <paramref name="count"/> invoices in batches from the clients at once; returns how many were created.</summary>
    private async Task<int> SendBatchesAsync(string token, int count, Func<int, Row> rowAt, string what)
    {
        var batches = (count + BatchSize - 1) / BatchSize;
        var created = 0;
        var next = -1;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, options.Clients).Select(async _ =>
        {
            int batch;
            while ((batch = Interlocked.Increment(ref next)) < batches)
            {
                var rows = Enumerable.Range(batch * BatchSize, Math.Min(BatchSize, count - batch * BatchSize)).Select(rowAt).Select(r => new
                {
                    number = r.Number,
                    customerCode = r.CustomerCode,
                    invoiceDate = r.InvoiceDate,
                    dueDate = r.DueDate,
                    amount = r.Amount,
                    currency = "INR",
                });
                var answer = await platform.JsonAsync(HttpMethod.Post, "/api/v1/invoices/batch", token, new { invoices = rows });
                Interlocked.Add(ref created, (int)answer["created"]!);
                if ((batch + 1) % 20 == 0)
                {
                    Console.WriteLine($"  {what}: {batch + 1} of {batches} batches sent, {watch.Elapsed.TotalSeconds:0} s");
                }
            }
        }));
        return created;
    }

    private async Task AgingAsync(string token)
    {
        // Collections and Documents insert the same million rows and autovacuum follows the import: reads are timed
        // once the machine is quiet again, as a reader would find it after an import.
        await Measurements.WaitForQuietMachineAsync("the consumers and autovacuum to finish before timing reads");
        var direct = new Uri(platform.ServiceEndpoint("reporting"), "/api/v1/reports/aging").ToString();
        var paths = new[] { "/api/v1/reports/aging?top=50", "/api/v1/reports/aging", direct, "/api/v1/reports/aging/buckets" };
        var latencies = await InterleavedLatenciesAsync(token, paths, 300);
        var full = await InterleavedLatenciesAsync(token, [$"/api/v1/reports/aging?asOf={Today.AddDays(-1):yyyy-MM-dd}"], 15);
        var (gateway, everyCustomer, service, trivial) = (latencies[0], latencies[1], latencies[2], latencies[3]);
        report($"Aging as of today over {options.Invoices:N0} open invoices of {options.Customers:N0} customers through the gateway (totals, buckets, top 50 customers): " +
               $"p50 {P(gateway, 50):0.0} ms, p95 {P(gateway, 95):0.0} ms (target p95 ≤ 20 ms); listing all {options.Customers:N0} customers p50 " +
               $"{P(everyCustomer, 50):0.0} ms, p95 {P(everyCustomer, 95):0.0} ms (straight to Reporting p50 {P(service, 50):0.0} ms, p95 {P(service, 95):0.0} ms); " +
               $"full computation (as of yesterday) p50 {P(full[0], 50):0} ms = {P(full[0], 50) / P(gateway, 50):0}x the snapshot; " +
               $"a trivial authenticated call through the gateway p50 {P(trivial, 50):0.0} ms");
    }

    private async Task AllocationAsync(string token)
    {
        await platform.JsonAsync(HttpMethod.Post, "/api/v1/invoices", token, new
        {
            number = "SMALL-1",
            customerCode = "SMALL",
            invoiceDate = Today.AddDays(-10),
            dueDate = Today.AddDays(20),
            amount = 10_000_000m,
            currency = "INR",
        });
        async Task<double> PayAsync(string customer, decimal amount, int i)
        {
            var watch = Stopwatch.StartNew();
            await platform.JsonAsync(HttpMethod.Post, "/api/v1/payments", token, new
            {
                customerCode = customer,
                amount,
                receivedOn = Today,
                mode = "NEFT",
                reference = $"UTR-{customer}-{i}",
            });
            return watch.Elapsed.TotalMilliseconds;
        }

        await Measurements.WaitForQuietMachineAsync("the aging reads' autovacuum and analyze to finish before timing payments");

        // The first few dozen calls of a path run unoptimised code while the runtime compiles it (in every service the
        // events reach): a long-running service is timed once warm, both customers in turn so background work affects
        // them alike.
        const int warmUp = 40, timed = 100;
        var (small, big) = (new List<double>(timed), new List<double>(timed));
        for (var i = 0; i < warmUp + timed; i++)
        {
            var (smallMs, bigMs) = (await PayAsync("SMALL", 10m, i), await PayAsync("BIG", 1500m, i));
            if (i >= warmUp)
            {
                small.Add(smallMs);
                big.Add(bigMs);
            }
        }

        report($"Payment allocated for a customer with {options.BigCustomerInvoices:N0} open invoices (oldest first, through the gateway, " +
               $"{timed} payments after {warmUp} to warm up): p50 {P(big, 50):0.0} ms, p95 {P(big, 95):0.0} ms (target ≤ 50 ms); " +
               $"with 1 open invoice p50 {P(small, 50):0.0} ms, p95 {P(small, 95):0.0} ms = {P(big, 50) / P(small, 50):0.0}x");
    }

    /// <summary>Latencies of each path, called in turn round after round so that background load affects them alike.</summary>

    private Task<List<double>[]> InterleavedLatenciesAsync(string token, string[] paths, int rounds) =>
        Measurements.InterleavedLatenciesAsync(platform, token, paths, rounds);
}
