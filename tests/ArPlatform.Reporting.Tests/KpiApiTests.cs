using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ArPlatform.Contracts;
using ArPlatform.Testing;

namespace ArPlatform.Reporting.Tests;

/// <summary>KPIs over HTTP from ledgers crafted with invoice, payment, customer and Collections events.</summary>
public sealed class KpiApiTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>, IAsyncLifetime
{
    private static readonly DateOnly November30 = new(2026, 11, 30);
    private ServiceUnderTest<Program>? _service;

    public async Task InitializeAsync() => _service = await ServiceUnderTest<Program>.StartAsync(infrastructure, "reportingdb");

    public async Task DisposeAsync()
    {
        if (_service is not null)
        {
            await _service.DisposeAsync();
        }
    }

    private IServiceProvider Bus => _service!.Services;

    private HttpClient Client(Guid tenant) => _service!.ClientFor(TestTokens.Issue(tenant, "reports.read"));

    private static InvoiceIssued Invoice(Guid tenant, Guid customer, string number, DateOnly date, DateOnly due, decimal amount) =>
        Events.InvoiceIssued(tenant, number, date, due, amount) with { CustomerId = customer };

    private static PaymentAllocated Payment(InvoiceIssued invoice, DateOnly on, decimal cash) =>
        new(invoice.TenantId, Guid.CreateVersion7(), invoice.CustomerId, invoice.InvoiceId, invoice.Number, invoice.DueDate, on, cash, 0m, 0m);

    private async Task PublishAllAsync(params object[] messages)
    {
        foreach (var message in messages)
        {
            await Events.PublishAnyAsync(Bus, message);
        }
    }

    private static async Task<JsonObject> KpisAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync($"/api/v1/reports/kpis?{query}");
        Assert.True(response.IsSuccessStatusCode, $"{query}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private static async Task<JsonObject> TenantAsync(HttpClient client, string query) => (await KpisAsync(client, query))["groups"]![0]!.AsObject();

    /// <summary>Waits until the tenant's ending AR as of the date is the given amount: every event so far has been consumed.</summary>
    private static Task UntilEndingArAsync(HttpClient client, DateOnly asOf, decimal amount, string what) =>
        ServiceHost.EventuallyAsync(async () => (decimal)(await TenantAsync(client, $"asOf={asOf:yyyy-MM-dd}"))["endingAr"]! == amount, what);

    [Fact]
    public async Task The_domains_worked_examples_come_out_of_crafted_ledgers()
    {
        // DSO, standard: AR 3,000; sales 16,000; 365 days → 68.4375.
        var (standard, a) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        var sale = Invoice(standard, a, "S-1", new(2026, 3, 1), new(2026, 3, 31), 16_000m);
        await PublishAllAsync(sale, Payment(sale, new(2026, 4, 10), 13_000m));

        // BPDSO and ADD: AR 15,000; current 4,000; sales 10,000 over 30 days → DSO 45, BPDSO 12, ADD 33.
        var (delinquent, b) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        await PublishAllAsync(
            Invoice(delinquent, b, "D-1", new(2026, 8, 1), new(2026, 8, 31), 5_000m),
            Invoice(delinquent, b, "D-2", new(2026, 11, 2), new(2026, 11, 20), 6_000m),
            Invoice(delinquent, b, "D-3", new(2026, 11, 10), new(2026, 12, 10), 4_000m));

        // CEI: beginning 6,200; sales 10,890 over 3 months; ending total 6,340; ending current 3,590 → 55.93% (79.63% whole period).
        var (cei, c) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        var before = Invoice(cei, c, "C-1", new(2026, 7, 1), new(2026, 7, 31), 6_200m);
        var inPeriod = Invoice(cei, c, "C-2", new(2026, 9, 10), new(2026, 10, 10), 7_300m);
        await PublishAllAsync(before, inPeriod, Invoice(cei, c, "C-3", new(2026, 11, 20), new(2026, 12, 20), 3_590m),
            Payment(before, new(2026, 9, 15), 6_200m), Payment(inPeriod, new(2026, 10, 20), 4_550m));

        // Countback: AR 212,000; sales 100,000 (November), 80,000 (October), 70,000 (September).
        var (countback, d) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        var september = Invoice(countback, d, "K-9", new(2026, 9, 5), new(2026, 10, 5), 70_000m);
        await PublishAllAsync(september, Invoice(countback, d, "K-10", new(2026, 10, 5), new(2026, 11, 4), 80_000m),
            Invoice(countback, d, "K-11", new(2026, 11, 5), new(2026, 12, 5), 100_000m), Payment(september, new(2026, 11, 1), 38_000m));

        await UntilEndingArAsync(Client(standard), November30, 3_000m, "the standard-DSO ledger");
        var dso = await TenantAsync(Client(standard), "asOf=2026-11-30&periodDays=365");
        Assert.Equal(68.44m, (decimal)dso["dsoStandard"]!["value"]!);
        Assert.Equal((3_000m, 16_000m), ((decimal)dso["dsoStandard"]!["endingAr"]!, (decimal)dso["dsoStandard"]!["creditSales"]!));
        Assert.Equal(13_000m, (decimal)dso["cashCollected"]!);

        await UntilEndingArAsync(Client(delinquent), November30, 15_000m, "the ADD ledger");
        var add = await TenantAsync(Client(delinquent), "asOf=2026-11-30&periodDays=30");
        Assert.Equal((45m, 12m, 33m), ((decimal)add["dsoStandard"]!["value"]!, (decimal)add["bestPossibleDso"]!["value"]!,
            (decimal)add["averageDaysDelinquent"]!["value"]!));
        Assert.Equal(4_000m, (decimal)add["endingCurrentAr"]!);

        await UntilEndingArAsync(Client(cei), November30, 6_340m, "the CEI ledger");
        var effectiveness = await TenantAsync(Client(cei), "asOf=2026-11-30&periodDays=90");
        Assert.Equal((55.93m, 79.63m), ((decimal)effectiveness["cei"]!["value"]!, (decimal)effectiveness["ceiWholePeriod"]!["value"]!));
        Assert.Equal((6_200m, 10_890m, 3m, 3_590m), ((decimal)effectiveness["cei"]!["beginningAr"]!, (decimal)effectiveness["cei"]!["creditSales"]!,
            (decimal)effectiveness["cei"]!["months"]!, (decimal)effectiveness["cei"]!["endingCurrentAr"]!));

        // Calendar months: 30 (November) + 31 (October) + 32/70 × 30 (September).
        await UntilEndingArAsync(Client(countback), November30, 212_000m, "the countback ledger");
        var headline = await TenantAsync(Client(countback), "asOf=2026-11-30");
        Assert.Equal(74.71m, (decimal)headline["dsoCountback"]!["value"]!);
        Assert.Equal("2026-11 100000 30|2026-10 80000 31|2026-09 70000 13.7143", string.Join("|", headline["dsoCountback"]!["months"]!.AsArray()
            .Select(m => FormattableString.Invariant($"{(string)m!["month"]!} {(decimal)m["creditSales"]!:0.##} {(decimal)m["daysCounted"]!:0.####}"))));
    }

    [Fact]
    public async Task Kpis_as_of_a_past_date_ignore_later_payments_follow_backdated_ones_and_count_a_redelivered_one_once()
    {
        var (tenant, customer) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        var client = Client(tenant);
        var invoice = Invoice(tenant, customer, "P-1", new(2026, 9, 1), new(2026, 10, 1), 10_000m);
        await PublishAllAsync(invoice);
        await UntilEndingArAsync(client, November30, 10_000m, "the invoice");
        var asOfOctober = await TenantAsync(client, "asOf=2026-10-31&periodDays=90"); // the first read builds the ledger; what follows adds to it

        // Paid on 2026-11-10, recorded once though delivered twice: October's figures stay, November's move.
        var later = Payment(invoice, new(2026, 11, 10), 4_000m);
        var messageId = Guid.NewGuid();
        await Events.PublishAsync(Bus, later, messageId);
        await Events.PublishAsync(Bus, later, messageId);
        await UntilEndingArAsync(client, November30, 6_000m, "the later payment");
        Assert.Equal(asOfOctober.ToJsonString(), (await TenantAsync(client, "asOf=2026-10-31&periodDays=90")).ToJsonString());
        Assert.Equal(4_000m, (decimal)(await TenantAsync(client, "asOf=2026-11-30&periodDays=30"))["cashCollected"]!);

        // A payment recorded now but received on 2026-10-15 changes October.
        await PublishAllAsync(Payment(invoice, new(2026, 10, 15), 1_000m));
        await UntilEndingArAsync(client, November30, 5_000m, "the backdated payment");
        var october = await TenantAsync(client, "asOf=2026-10-31&periodDays=90");
        Assert.Equal((9_000m, 1_000m), ((decimal)october["endingAr"]!, (decimal)october["cashCollected"]!));

        // Not yet due on 2026-09-20, due by 2026-10-02.
        Assert.Equal(10_000m, (decimal)(await TenantAsync(client, "asOf=2026-09-20"))["endingCurrentAr"]!);
        Assert.Equal(0m, (decimal)(await TenantAsync(client, "asOf=2026-10-02"))["endingCurrentAr"]!);
        Assert.Equal(10_000m, (decimal)(await TenantAsync(client, "asOf=2026-10-01"))["endingCurrentAr"]!); // due today is not yet due
    }

    [Fact]
    public async Task Dealer_figures_roll_up_the_distribution_network_and_other_groupings_use_the_customers_current_details()
    {
        var tenant = Guid.CreateVersion7();
        var (distributor, dealer1, dealer2, other) = (Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7());
        var at = DateTimeOffset.UtcNow;
        var dealer1Invoice = Invoice(tenant, dealer1, "R-2", new(2026, 11, 1), new(2026, 11, 15), 200m);
        await PublishAllAsync(
            new CustomerRegistered(tenant, distributor, "DIST", "Distributor", null, at, Type: "distributor", AssignedCollector: "C1", Region: "North"),
            new CustomersRegistered(tenant, at, [dealer1, dealer2], ["DL1", "DL2"], ["Dealer 1", "Dealer 2"], null, null, null, null,
                Types: ["dealer", "dealer"], AssignedCollectors: ["C1", "C2"], Regions: ["North", "North"], ParentIds: [distributor, distributor]),
            new CustomerRegistered(tenant, other, "OTH", "Other", null, at, AssignedCollector: "C2", Region: "South"),
            Invoice(tenant, distributor, "R-1", new(2026, 11, 1), new(2026, 12, 1), 1_000m),
            dealer1Invoice,
            Payment(dealer1Invoice, new(2026, 11, 20), 100m),
            Invoice(tenant, dealer2, "R-3", new(2026, 11, 1), new(2026, 12, 1), 30m),
            Invoice(tenant, other, "R-4", new(2026, 11, 1), new(2026, 12, 1), 4m));
        var client = Client(tenant);
        await UntilEndingArAsync(client, November30, 1_134m, "the invoices and the payment");
        await ServiceHost.EventuallyAsync(async () => (await KpisAsync(client, "asOf=2026-11-30&groupBy=dealer"))["groups"]!.AsArray().Count == 4, "the customers");

        var dealers = (await KpisAsync(client, "asOf=2026-11-30&groupBy=dealer"))["groups"]!.AsArray().ToDictionary(g => (string)g!["code"]!);
        Assert.Equal((1_130m, 1_230m, 100m), ((decimal)dealers["DIST"]!["endingAr"]!, (decimal)dealers["DIST"]!["creditSales"]!,
            (decimal)dealers["DIST"]!["cashCollected"]!));
        Assert.Equal(1_030m, (decimal)dealers["DIST"]!["endingCurrentAr"]!);
        Assert.Equal((100m, 30m, 4m), ((decimal)dealers["DL1"]!["endingAr"]!, (decimal)dealers["DL2"]!["endingAr"]!, (decimal)dealers["OTH"]!["endingAr"]!));
        Assert.Equal(distributor, (Guid)dealers["DL1"]!["parentId"]!);
        // From the subtree's sums (1,130 ÷ 1,230 × 90), not the average of its customers' DSOs (90, 45 and 90).
        Assert.Equal((82.68m, 45m), ((decimal)dealers["DIST"]!["dsoStandard"]!["value"]!, (decimal)dealers["DL1"]!["dsoStandard"]!["value"]!));

        async Task<string> GroupsAsync(string groupBy) => string.Join(" ", (await KpiApiTests.KpisAsync(client, $"asOf=2026-11-30&groupBy={groupBy}"))["groups"]!
            .AsArray().Select(g => FormattableString.Invariant($"{(string)g!["key"]!}:{(decimal)g["endingAr"]!:0}")));
        Assert.Equal("North:1130 South:4", await GroupsAsync("region"));
        Assert.Equal("C1:1100 C2:34", await GroupsAsync("collector"));
        Assert.Equal("(none):1134", await GroupsAsync("portfolio"));

        // A reassignment moves the customer's figures to its new collector.
        await PublishAllAsync(new CustomerUpdated(tenant, dealer1, "DL1", "Dealer 1", null, null, "C2", null, "active", at.AddMinutes(1), "dealer", "North",
            distributor));
        await ServiceHost.EventuallyAsync(async () => await GroupsAsync("collector") == "C1:1000 C2:134", "the reassignment");
    }

    [Fact]
    public async Task The_kept_rate_counts_promises_kept_by_their_date_against_those_decided_and_disputes_are_counted_as_of_the_date()
    {
        var (tenant, customer) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        var client = Client(tenant);
        var (kept, late, broken, undecided) = (Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7());
        var at = DateTimeOffset.UtcNow;
        var (raisedOn, resolvedOn) = (new DateTimeOffset(2026, 11, 2, 6, 0, 0, TimeSpan.Zero), new DateOnly(2026, 11, 20));
        var (openDispute, resolvedDispute) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        await PublishAllAsync(
            Invoice(tenant, customer, "PT-1", new(2026, 10, 1), new(2026, 10, 31), 5_000m),
            new PromiseToPayMade(tenant, kept, customer, 1_000m, new(2026, 11, 10), [], at),
            new PromiseToPayKept(tenant, kept, customer, 1_000m, 1_000m, new(2026, 11, 10), new(2026, 11, 9)),
            new PromiseToPayKept(tenant, late, customer, 300m, 300m, new(2026, 11, 12), new(2026, 11, 14)), // its outcome before the promise
            new PromiseToPayMade(tenant, late, customer, 300m, new(2026, 11, 12), [], at),
            new PromiseToPayMade(tenant, broken, customer, 700m, new(2026, 11, 15), [], at),
            new PromiseToPayBroken(tenant, broken, customer, 700m, 0m, new(2026, 11, 15), new(2026, 11, 18)),
            new PromiseToPayMade(tenant, undecided, customer, 50m, new(2026, 11, 29), [], at),
            new DisputeRaised(tenant, openDispute, customer, Guid.CreateVersion7(), "PT-1", 400m, "pricing", "sales", raisedOn, raisedOn.AddDays(5)),
            new DisputeRaised(tenant, resolvedDispute, customer, Guid.CreateVersion7(), "PT-1", 100m, "quantity", "sales", raisedOn, raisedOn.AddDays(30)),
            new DisputeResolved(tenant, resolvedDispute, customer, Guid.CreateVersion7(), "PT-1", "invalid", 0m, null, resolvedOn, at));
        await UntilEndingArAsync(client, November30, 5_000m, "the invoice");
        await ServiceHost.EventuallyAsync(async () =>
        {
            var figures = await TenantAsync(client, "asOf=2026-11-30&periodDays=30");
            return (int)figures["promiseKeptRate"]!["fellDue"]! == 3 && (int)figures["promiseKeptRate"]!["undecided"]! == 1 &&
                   (int)figures["disputes"]!["resolved"]! == 1 && (int)figures["disputes"]!["open"]! == 1;
        }, "the promises and disputes");

        var november = await TenantAsync(client, "asOf=2026-11-30&periodDays=30");
        var rate = november["promiseKeptRate"]!;
        Assert.Equal((1, 1, 1, 3, 1), ((int)rate["kept"]!, (int)rate["keptLate"]!, (int)rate["broken"]!, (int)rate["fellDue"]!, (int)rate["undecided"]!));
        Assert.Equal((33.33m, 50m), ((decimal)rate["byCount"]!, (decimal)rate["byAmount"]!)); // 1 of 3; 1,000 of 2,000

        // As of the 16th the broken promise was not yet decided: its grace ran to the 18th.
        var before = (await TenantAsync(client, "asOf=2026-11-16&periodDays=30"))["promiseKeptRate"]!;
        Assert.Equal((2, 1), ((int)before["fellDue"]!, (int)before["undecided"]!));

        var disputes = november["disputes"]!;
        Assert.Equal((2, 1, 1, 400m, 28m, 1), ((int)disputes["raised"]!, (int)disputes["resolved"]!, (int)disputes["open"]!, (decimal)disputes["openAmount"]!,
            (decimal)disputes["averageOpenAgeDays"]!, (int)disputes["pastSla"]!));
        var onThe5th = (await TenantAsync(client, "asOf=2026-11-05&periodDays=30"))["disputes"]!;
        Assert.Equal((2, 0, 0), ((int)onThe5th["open"]!, (int)onThe5th["resolved"]!, (int)onThe5th["pastSla"]!));
    }

    [Fact]
    public async Task Concurrent_changes_leave_the_ledger_equal_to_a_computation_from_the_events_whether_it_was_built_before_or_after_them()
    {
        var random = new Random(19);
        var (builtFirst, builtAfter) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        await TenantAsync(Client(builtFirst), "asOf=2026-11-30"); // this tenant's ledger exists before its changes: each one adds to it
        var expected = new Dictionary<Guid, List<(DateOnly On, DateOnly Due, decimal Ar, decimal Sales, decimal Collected)>>
        {
            [builtFirst] = [],
            [builtAfter] = [],
        };
        var messages = new List<object>();
        foreach (var tenant in expected.Keys)
        {
            var customers = Enumerable.Range(0, 5).Select(_ => Guid.CreateVersion7()).ToArray();
            for (var i = 0; i < 60; i++)
            {
                var date = new DateOnly(2026, 6, 1).AddDays(random.Next(180));
                var invoice = Invoice(tenant, customers[random.Next(customers.Length)], $"X-{i}", date, date.AddDays(random.Next(0, 60)), random.Next(1, 1000) * 10m);
                messages.Add(invoice);
                expected[tenant].Add((invoice.InvoiceDate, invoice.DueDate, invoice.Amount, invoice.Amount, 0m));
                if (random.Next(3) > 0)
                {
                    var paid = invoice.InvoiceDate.AddDays(random.Next(0, 90));
                    var cash = Math.Round(invoice.Amount * random.Next(1, 11) / 10m, 2);
                    messages.Add(Payment(invoice, paid, cash));
                    expected[tenant].Add((paid, invoice.DueDate, -cash, 0m, cash));
                }

                if (random.Next(6) == 0)
                {
                    var on = invoice.InvoiceDate.AddDays(random.Next(0, 30));
                    messages.Add(new CreditNoteIssued(tenant, Guid.CreateVersion7(), $"CN-{i}", invoice.CustomerId, on, 5m, invoice.InvoiceId, invoice.Number, invoice.DueDate));
                    expected[tenant].Add((on, invoice.DueDate, -5m, 0m, 0m));
                }
            }
        }

        await Task.WhenAll(messages.Select(m => Events.PublishAnyAsync(Bus, m)));
        foreach (var (tenant, changes) in expected)
        {
            await UntilEndingArAsync(Client(tenant), new DateOnly(2027, 3, 1), changes.Sum(c => c.Ar), "every change");
            foreach (var asOf in new DateOnly[] { new(2026, 8, 15), new(2026, 10, 31), new(2026, 11, 30), new(2027, 3, 1) })
            {
                var ar = changes.Where(c => c.On <= asOf).Sum(c => c.Ar);
                var current = changes.Where(c => c.On <= asOf && c.Due >= asOf && c.On <= c.Due).Sum(c => c.Ar);
                var start = asOf.AddDays(-89);
                var sales = changes.Where(c => c.On >= start && c.On <= asOf).Sum(c => c.Sales);
                var collected = changes.Where(c => c.On >= start && c.On <= asOf).Sum(c => c.Collected);
                var figures = await TenantAsync(Client(tenant), $"asOf={asOf:yyyy-MM-dd}&periodDays=90");
                Assert.Equal((ar, current, sales, collected), ((decimal)figures["endingAr"]!, (decimal)figures["endingCurrentAr"]!,
                    (decimal)figures["creditSales"]!, (decimal)figures["cashCollected"]!));
                var byCustomer = (await KpisAsync(Client(tenant), $"asOf={asOf:yyyy-MM-dd}&periodDays=90&groupBy=customer"))["groups"]!.AsArray();
                Assert.Equal((ar, current), (byCustomer.Sum(g => (decimal)g!["endingAr"]!), byCustomer.Sum(g => (decimal)g!["endingCurrentAr"]!)));
            }
        }
    }

    [Fact]
    public async Task Bad_queries_are_refused_naming_the_field_and_a_tenant_sees_only_its_own_figures()
    {
        var (tenant, stranger) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        var client = Client(tenant);
        foreach (var (query, field) in new[]
                 {
                     ("groupBy=planet", "groupBy"), ("periodDays=0", "periodDays"), ("periodDays=9999", "periodDays"), ("asOf=30-11-2026", "asOf"),
                     ("asOf=1999-12-31", "asOf"),
                 })
        {
            var response = await client.GetAsync($"/api/v1/reports/kpis?{query}");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.True((await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]![field] is not null, query);
        }

        var trend = await client.GetAsync("/api/v1/reports/kpis/trend?from=2020-01-01&to=2026-11-30&interval=week");
        Assert.Equal(HttpStatusCode.BadRequest, trend.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _service!.ClientFor(TestTokens.Issue(tenant, "invoices.read")).GetAsync("/api/v1/reports/kpis")).StatusCode);

        await PublishAllAsync(Invoice(stranger, Guid.CreateVersion7(), "Z-1", new(2026, 11, 1), new(2026, 12, 1), 999m));
        await UntilEndingArAsync(Client(stranger), November30, 999m, "the other tenant's invoice");
        Assert.Equal(0m, (decimal)(await TenantAsync(client, "asOf=2026-11-30"))["endingAr"]!);
        Assert.Empty((await KpisAsync(client, "asOf=2026-11-30&groupBy=customer"))["groups"]!.AsArray());
    }

    [Fact]
    public async Task Exports_as_csv_and_xlsx_keep_numbers_numbers_and_never_write_a_formula()
    {
        var (tenant, customer) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        var client = Client(tenant);
        const string hostile = "=HYPERLINK(\"http://evil.example\",\"click\")";
        await PublishAllAsync(new CustomerRegistered(tenant, customer, "-EVIL", hostile, null, DateTimeOffset.UtcNow),
            Invoice(tenant, customer, "E-1", new(2026, 11, 1), new(2026, 12, 1), 1_234.5m));
        await UntilEndingArAsync(client, November30, 1_234.5m, "the invoice");
        await ServiceHost.EventuallyAsync(async () => (string?)(await KpisAsync(client, "asOf=2026-11-30&groupBy=customer"))["groups"]![0]!["name"] == hostile,
            "the customer's name");

        var csvResponse = await client.GetAsync("/api/v1/reports/kpis?asOf=2026-11-30&groupBy=customer&format=csv");
        Assert.Equal("text/csv", csvResponse.Content.Headers.ContentType!.MediaType);
        var lines = (await csvResponse.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("group,code,name,dsoCountback,", lines[0]);
        Assert.Contains(",\"'-EVIL\",", lines[1]); // text that a spreadsheet would read as a formula is escaped
        Assert.Contains("'=HYPERLINK", lines[1]);
        Assert.Contains(",1234.50,", lines[1]); // amounts are plain numbers

        var xlsx = await client.GetAsync("/api/v1/reports/kpis?asOf=2026-11-30&groupBy=customer&format=xlsx");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType!.MediaType);
        var bytes = await xlsx.Content.ReadAsByteArrayAsync();
        var row = (IDictionary<string, object>)MiniExcelLibs.MiniExcel.Query(new MemoryStream(bytes), useHeaderRow: true).Single();
        Assert.Equal((hostile, "-EVIL"), ((string)row["name"], (string)row["code"]));
        Assert.Equal(1_234.5m, Convert.ToDecimal(row["endingAr"], System.Globalization.CultureInfo.InvariantCulture));
        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(bytes));
        var sheet = new StreamReader(zip.Entries.Single(e => e.FullName == "xl/worksheets/sheet1.xml").Open()).ReadToEnd();
        Assert.DoesNotContain("<x:f>", sheet);
        Assert.DoesNotContain("<f>", sheet);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/v1/reports/kpis?format=pdf")).StatusCode);

        var aging = (await (await client.GetAsync("/api/v1/reports/aging?asOf=2026-11-30&format=csv")).Content.ReadAsStringAsync()).Split('\n',
            StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(("customerId,Not due,1-30,31-60,61-90,91-180,180+,total", $"{customer},1234.50,0.00,0.00,0.00,0.00,0.00,1234.50"), (aging[0].TrimEnd('\r'),
            aging[1].TrimEnd('\r')));
    }

    [Fact]
    public async Task The_trend_gives_the_tenants_figures_at_each_month_end_and_the_last_date()
    {
        var (tenant, customer) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        var client = Client(tenant);
        await PublishAllAsync(Invoice(tenant, customer, "T-1", new(2026, 9, 10), new(2026, 10, 10), 1_000m),
            Invoice(tenant, customer, "T-2", new(2026, 10, 10), new(2026, 11, 10), 2_000m));
        await UntilEndingArAsync(client, November30, 3_000m, "the invoices");

        var trend = (await client.GetFromJsonAsync<JsonObject>("/api/v1/reports/kpis/trend?from=2026-08-01&to=2026-11-15&interval=month"))!;
        Assert.Equal("2026-08-31:0 2026-09-30:1000 2026-10-31:3000 2026-11-15:3000", string.Join(" ", trend["points"]!.AsArray()
            .Select(p => FormattableString.Invariant($"{(string)p!["asOf"]!}:{(decimal)p["figures"]!["endingAr"]!:0}"))));
        var weeks = (await client.GetFromJsonAsync<JsonObject>("/api/v1/reports/kpis/trend?from=2026-11-01&to=2026-11-15&interval=week"))!;
        Assert.Equal("2026-11-01 2026-11-08 2026-11-15", string.Join(" ", weeks["points"]!.AsArray().Select(p => (string)p!["asOf"]!)));
    }
}
