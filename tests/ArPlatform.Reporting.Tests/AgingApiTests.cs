using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using ArPlatform.BuildingBlocks.Aging;
using ArPlatform.BuildingBlocks.Messaging;
using ArPlatform.Contracts;
using ArPlatform.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ArPlatform.Reporting.Tests;

/// <summary>Aging over HTTP as of past and present dates, from invoice and payment events.</summary>
public sealed class AgingApiTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>, IAsyncLifetime
{
    private readonly Guid _tenant = Guid.CreateVersion7();
    private ServiceUnderTest<Program>? _service;

    public async Task InitializeAsync() => _service = await ServiceUnderTest<Program>.StartAsync(infrastructure, "reportingdb");

    public async Task DisposeAsync()
    {
        if (_service is not null)
        {
            await _service.DisposeAsync();
        }
    }

    [Fact]
    public async Task Payments_reduce_aging_from_their_effective_date_and_a_redelivered_allocation_counts_once()
    {
        var invoice = Events.InvoiceIssued(_tenant, "A-1", new(2026, 9, 1), new(2026, 10, 1), 1000m);
        await Events.PublishAsync(_service!.Services, invoice);
        var allocated = new PaymentAllocated(_tenant, Guid.CreateVersion7(), invoice.CustomerId, invoice.InvoiceId, "A-1",
            invoice.DueDate, new DateOnly(2026, 11, 10), 390m, 10m, 0m);
        var messageId = Guid.NewGuid();
        await Events.PublishAsync(_service.Services, allocated, messageId);
        await Events.PublishAsync(_service.Services, allocated, messageId);

        var client = _service.ClientFor(TestTokens.Issue(_tenant, "reports.read"));
        await ServiceHost.EventuallyAsync(async () => await TotalAsync(client, "2026-11-22") == 600m, "the payment to show in aging");
        Assert.Equal(1000m, await TotalAsync(client, "2026-11-09"));
        Assert.Equal(0m, await TotalAsync(client, "2026-08-31"));

        // A further payment that settles the rest takes the customer off the report from its date.
        await Events.PublishAsync(_service.Services, allocated with { PaymentId = Guid.CreateVersion7(), EffectiveDate = new(2026, 11, 20), Cash = 600m, Tds = 0m });
        await ServiceHost.EventuallyAsync(async () => await TotalAsync(client, "2026-11-22") == 0m, "the invoice to be settled");
        var report = await client.GetFromJsonAsync<JsonObject>("/api/v1/reports/aging?asOf=2026-11-22");
        Assert.Empty(report!["customers"]!.AsArray());
        Assert.Equal(600m, await TotalAsync(client, "2026-11-19"));

        // The first payment bounces on 2026-11-21: its 400 is open again from that date.
        await Events.PublishAsync(_service.Services, new PaymentReversed(_tenant, allocated.PaymentId, invoice.CustomerId, new DateOnly(2026, 11, 21),
            "Cheque bounced", [new ReversedSettlement(invoice.InvoiceId, invoice.DueDate, 400m)]));
        await ServiceHost.EventuallyAsync(async () => await TotalAsync(client, "2026-11-22") == 400m, "the reversal to reopen 400");
        Assert.Equal(0m, await TotalAsync(client, "2026-11-20"));
    }

    [Fact]
    public async Task A_credit_note_against_an_invoice_reduces_aging_from_its_date()
    {
        var invoice = Events.InvoiceIssued(_tenant, "C-1", new(2026, 9, 1), new(2026, 10, 1), 1000m);
        await Events.PublishAsync(_service!.Services, invoice);
        await Events.PublishAsync(_service.Services, new CreditNoteIssued(_tenant, Guid.CreateVersion7(), "CN-1", invoice.CustomerId,
            new DateOnly(2026, 10, 15), 300m, invoice.InvoiceId, "C-1", invoice.DueDate));
        await Events.PublishAsync(_service.Services, new CreditNoteIssued(_tenant, Guid.CreateVersion7(), "CN-2", invoice.CustomerId,
            new DateOnly(2026, 10, 15), 50m, null, null, null));

        var client = _service.ClientFor(TestTokens.Issue(_tenant, "reports.read"));
        await ServiceHost.EventuallyAsync(async () => await TotalAsync(client, "2026-11-22") == 700m, "the credit note in aging");
        Assert.Equal(1000m, await TotalAsync(client, "2026-10-14"));
    }

    [Fact]
    public async Task Todays_top_customers_and_their_count_follow_payments_and_a_rebuild()
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTime.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata")));
        var client = _service!.ClientFor(TestTokens.Issue(_tenant, "reports.read", "reports.write", "collections.admin"));
        Assert.Equal(0m, await TotalAsync(client, today.ToString("yyyy-MM-dd"))); // the snapshot exists: changes apply to it one by one
        var (small, middle, large) = (Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7());
        InvoiceIssued Invoice(Guid customer, string number, int dueInDays, decimal amount) =>
            Events.InvoiceIssued(_tenant, number, today.AddDays(-90), today.AddDays(dueInDays), amount) with { CustomerId = customer };
        var largeLate = Invoice(large, "T-1", -40, 5000m);
        var smallOnly = Invoice(small, "T-0", 5, 100m);
        await Events.PublishAsync(_service.Services, InvoiceBatchIssued.Of(_tenant,
            [smallOnly, Invoice(middle, "T-2", -10, 700m), Invoice(middle, "T-3", 10, 800m), largeLate, Invoice(large, "T-4", 3, 1000m)]));
        await ServiceHost.EventuallyAsync(async () => await TotalAsync(client, today.ToString("yyyy-MM-dd")) == 7600m, "the invoices in the snapshot");

        async Task<(int Count, string Top)> TopAsync(int top)
        {
            var report = await client.GetFromJsonAsync<JsonObject>($"/api/v1/reports/aging?top={top}");
            return ((int)report!["customerCount"]!,
                string.Join(" ", report["customers"]!.AsArray().Select(c => FormattableString.Invariant($"{(Guid)c!["customerId"]!}:{(decimal)c["total"]!:0.##}"))));
        }

        Assert.Equal((3, $"{large}:6000 {middle}:1500"), await TopAsync(2));

        // The large customer pays its late invoice: it falls behind the middle one.
        await Events.PublishAsync(_service.Services, new PaymentAllocated(_tenant, Guid.CreateVersion7(), large, largeLate.InvoiceId, "T-1", largeLate.DueDate,
            today, 5000m, 0m, 0m));
        await ServiceHost.EventuallyAsync(async () => await TotalAsync(client, today.ToString("yyyy-MM-dd")) == 2600m, "the payment in the snapshot");
        Assert.Equal((3, $"{middle}:1500 {large}:1000"), await TopAsync(2));

        // The small customer pays everything: it owes nothing and is no longer counted.
        await Events.PublishAsync(_service.Services, new PaymentAllocated(_tenant, Guid.CreateVersion7(), small, smallOnly.InvoiceId, "T-0", smallOnly.DueDate,
            today, 100m, 0m, 0m));
        await ServiceHost.EventuallyAsync(async () => await TotalAsync(client, today.ToString("yyyy-MM-dd")) == 2500m, "the second payment in the snapshot");
        Assert.Equal((2, $"{middle}:1500 {large}:1000"), await TopAsync(10));

        // New buckets rebuild the snapshot from the event tables: the same customers, the same order.
        Assert.True((await client.PutAsJsonAsync("/api/v1/reports/aging/buckets", new { upperBounds = new[] { 15, 45 } })).IsSuccessStatusCode);
        Assert.Equal((2, $"{middle}:1500 {large}:1000"), await TopAsync(10));
    }

    [Fact]
    public async Task Todays_snapshot_agrees_with_the_full_computation_for_every_kind_of_change_and_per_dealer()
    {
        var customer = Guid.CreateVersion7();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTime.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata")));
        InvoiceIssued Invoice(string number, int dueInDays, decimal amount, string dealer) =>
            Events.InvoiceIssued(_tenant, number, today.AddDays(-60), today.AddDays(dueInDays), amount) with { CustomerId = customer, DealerCode = dealer };
        var client = _service!.ClientFor(TestTokens.Issue(_tenant, "reports.read", "reports.write", "collections.admin"));

        // The snapshot exists before the changes arrive, so they are applied to it incrementally.
        Assert.Equal(0m, await TotalAsync(client, today.ToString("yyyy-MM-dd")));
        var notDue = Invoice("S-1", 10, 1000m, "D-1");
        var late = Invoice("S-2", -45, 2000m, "D-2");
        var old = Invoice("S-3", -200, 300m, "D-1");
        await Events.PublishAsync(_service.Services, InvoiceBatchIssued.Of(_tenant, [notDue, late, old]));
        await Events.PublishAsync(_service.Services, new InvoiceWrittenOff(_tenant, old.InvoiceId, "S-3", customer, old.DueDate, 300m, today, "insolvent"));
        await Events.PublishAsync(_service.Services, new DebitNoteIssued(_tenant, Guid.CreateVersion7(), "DN-1", customer, today.AddDays(-1), 100m, late.InvoiceId, "S-2", late.DueDate));
        await Events.PublishAsync(_service.Services, new InvoiceCancelled(_tenant, notDue.InvoiceId, "S-1", customer, notDue.DueDate, 1000m, today, "duplicate"));
        await Events.PublishAsync(_service.Services, new PaymentAllocated(_tenant, Guid.CreateVersion7(), customer, late.InvoiceId, "S-2", late.DueDate, today.AddDays(1), 500m, 0m, 0m));

        // 2000 + 100 (debit note) on S-2; S-1 cancelled; S-3 written off; tomorrow's payment not yet counted.
        await ServiceHost.EventuallyAsync(async () => await TotalAsync(client, today.ToString("yyyy-MM-dd")) == 2100m, "the snapshot to show all changes");
        var snapshot = await client.GetFromJsonAsync<JsonObject>("/api/v1/reports/aging");
        var computed = await client.GetFromJsonAsync<JsonObject>($"/api/v1/reports/aging?customerId={customer}");
        Assert.Equal(computed!["buckets"]!.ToJsonString(), snapshot!["buckets"]!.ToJsonString());
        Assert.Equal(2100m, (decimal)snapshot["buckets"]!.AsArray().Single(b => (string?)b!["label"] == "31-60")!["amount"]!);

        var summary = await client.GetFromJsonAsync<JsonObject>("/api/v1/reports/aging?top=0");
        Assert.Equal((2100m, 1), ((decimal)summary!["total"]!, (int)summary["customerCount"]!));
        Assert.Empty(summary["customers"]!.AsArray());
        Assert.Equal(snapshot["buckets"]!.ToJsonString(), summary["buckets"]!.ToJsonString());
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, (await client.GetAsync("/api/v1/reports/aging?top=-1")).StatusCode);
        foreach (var asOf in new[] { "0001-01-01", "1999-12-31", "9999-12-31" })
        {
            var outside = await client.GetAsync($"/api/v1/reports/aging?asOf={asOf}&customerId={customer}");
            Assert.Equal(System.Net.HttpStatusCode.BadRequest, outside.StatusCode);
            Assert.True((await outside.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().ContainsKey("asOf"), asOf);
        }

        var dealer = await client.GetFromJsonAsync<JsonObject>("/api/v1/reports/aging?dealerCode=D-2");
        Assert.Equal(2100m, (decimal)dealer!["total"]!);
        Assert.Equal(0m, (decimal)(await client.GetFromJsonAsync<JsonObject>("/api/v1/reports/aging?dealerCode=D-1"))!["total"]!);

        // The tenant's own buckets: the snapshot is rebuilt with them on the next read.
        var bad = await client.PutAsJsonAsync("/api/v1/reports/aging/buckets", new { upperBounds = new[] { 30, 15 } });
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("upperBounds", await bad.Content.ReadAsStringAsync());
        (await client.PutAsJsonAsync("/api/v1/reports/aging/buckets", new { upperBounds = new[] { 15, 45 } })).EnsureSuccessStatusCode();
        var custom = await client.GetFromJsonAsync<JsonObject>("/api/v1/reports/aging");
        Assert.Equal(["Not due", "1-15", "16-45", "45+"], custom!["buckets"]!.AsArray().Select(b => (string?)b!["label"]));
        Assert.Equal(2100m, (decimal)custom["buckets"]![2]!["amount"]!);
        // Buckets are configuration: neither reading nor the reports' own settings right may change them.
        foreach (var scopes in new[] { new[] { "reports.read" }, ["reports.read", "reports.write"], ["collections.write"] })
        {
            var withoutTheRight = _service.ClientFor(TestTokens.Issue(_tenant, scopes));
            Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await withoutTheRight.PutAsJsonAsync("/api/v1/reports/aging/buckets", new { upperBounds = new[] { 10 } })).StatusCode);
        }

        // Collections and Invoices are told in the same transaction, of the accepted change only.
        var announced = await AnnouncedBucketsAsync();
        Assert.NotEmpty(announced);
        Assert.All(announced, bounds => Assert.Equal([15, 45], bounds));
    }

    /// <summary>The upper bounds of every <see cref="AgingBucketsChanged"/> the tenant's outbox holds.</summary>
    private async Task<List<int[]>> AnnouncedBucketsAsync()
    {
        await using var connection = new NpgsqlConnection(_service!.Database.Admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT body FROM outbox_messages WHERE type = @type AND tenant_id = @tenant", connection);
        command.Parameters.AddWithValue("type", OutboxModel.TypeName(typeof(AgingBucketsChanged)));
        command.Parameters.AddWithValue("tenant", _tenant);
        var bounds = new List<int[]>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            bounds.Add(JsonSerializer.Deserialize<AgingBucketsChanged>(reader.GetString(0), OutboxModel.Json)!.UpperBounds);
        }

        return bounds;
    }

    [Fact]
    public async Task Todays_totals_and_customer_count_agree_with_each_customers_full_computation_after_concurrent_payments()
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTime.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata")));
        var client = _service!.ClientFor(TestTokens.Issue(_tenant, "reports.read"));
        Assert.Equal(0m, await TotalAsync(client, today.ToString("yyyy-MM-dd"))); // the snapshot exists: every change below is applied to it

        // 12 customers with invoices in every bucket; then payments arrive together and are consumed concurrently, some
        // settling a customer's whole balance (it stops owing), some part of one invoice.
        var customers = Enumerable.Range(0, 12).Select(_ => Guid.CreateVersion7()).ToList();
        var invoices = customers.SelectMany((customer, c) => new[] { 20, -10, -45, -75, -120, -400 }.Select((dueIn, i) =>
            Events.InvoiceIssued(_tenant, $"K-{c}-{i}", today.AddDays(-500), today.AddDays(dueIn), 100m * (c + 1) + i) with { CustomerId = customer })).ToList();
        await Events.PublishAsync(_service.Services, InvoiceBatchIssued.Of(_tenant, invoices));
        var invoiced = invoices.Sum(i => i.Amount);
        await ServiceHost.EventuallyAsync(async () => await TotalAsync(client, today.ToString("yyyy-MM-dd")) == invoiced, "the invoices in the snapshot");

        var payments = invoices.Select((invoice, n) => new PaymentAllocated(_tenant, Guid.CreateVersion7(), invoice.CustomerId, invoice.InvoiceId, invoice.Number,
            invoice.DueDate, today.AddDays(-(n % 3)), customers.IndexOf(invoice.CustomerId) % 3 == 0 ? invoice.Amount : 7m, 0m, 0m)).ToList();
        await Task.WhenAll(payments.Select(p => Events.PublishAsync(_service.Services, p)));
        var open = invoiced - payments.Sum(p => p.Cash);
        await ServiceHost.EventuallyAsync(async () => await TotalAsync(client, today.ToString("yyyy-MM-dd")) == open, "every payment in the snapshot");

        var snapshot = await client.GetFromJsonAsync<JsonObject>("/api/v1/reports/aging?top=3");
        var computed = new decimal[6];
        var owing = 0;
        foreach (var customer in customers)
        {
            var report = await client.GetFromJsonAsync<JsonObject>($"/api/v1/reports/aging?customerId={customer}");
            var amounts = report!["buckets"]!.AsArray().Select(b => (decimal)b!["amount"]!).ToList();
            owing += amounts.Sum() != 0 ? 1 : 0;
            for (var b = 0; b < computed.Length; b++)
            {
                computed[b] += amounts[b];
            }
        }

        Assert.Equal(computed, snapshot!["buckets"]!.AsArray().Select(b => (decimal)b!["amount"]!));
        Assert.Equal(8, owing); // a third of the customers paid everything
        Assert.Equal(owing, (int)snapshot["customerCount"]!);
        Assert.Equal(3, snapshot["customers"]!.AsArray().Count);
    }

    [Theory]
    [InlineData(null, new[] { "Not due", "Not due", "1-30", "1-30", "31-60", "31-60", "61-90", "61-90", "91-180", "91-180", "180+", "180+" })]
    [InlineData(new[] { 1, 31, 61, 91, 181 }, new[] { "Not due", "Not due", "1-1", "2-31", "2-31", "32-61", "32-61", "62-91", "62-91", "92-181", "92-181", "181+" })]
    public async Task The_computed_report_the_snapshot_and_its_rebuild_put_invoices_at_the_bucket_edges_in_the_same_buckets(int[]? bounds, string[] expected)
    {
        int[] daysPastDue = [-1, 0, 1, 30, 31, 60, 61, 90, 91, 180, 181, 182];
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTime.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata")));
        var client = _service!.ClientFor(TestTokens.Issue(_tenant, "reports.read", "reports.write", "collections.admin"));
        async Task SetBoundsAsync(int[] upperBounds) =>
            (await client.PutAsJsonAsync("/api/v1/reports/aging/buckets", new { upperBounds })).EnsureSuccessStatusCode();
        if (bounds is not null)
        {
            await SetBoundsAsync(bounds);
        }

        // The snapshot is built (empty) before the events arrive, so they are bucketed one by one as they are consumed.
        Assert.Equal(0m, await TotalAsync(client, today.ToString("yyyy-MM-dd")));
        var invoices = daysPastDue.Select(days => Events.InvoiceIssued(_tenant, $"E{days}", today.AddDays(-400), today.AddDays(-days), 1000m + days) with
        {
            CustomerId = Guid.CreateVersion7(),
            DealerCode = "D-E",
        }).ToList();
        await Events.PublishAsync(_service.Services, InvoiceBatchIssued.Of(_tenant, invoices));
        foreach (var invoice in invoices)
        {
            await Events.PublishAsync(_service.Services, new PaymentAllocated(_tenant, Guid.CreateVersion7(), invoice.CustomerId, invoice.InvoiceId, invoice.Number,
                invoice.DueDate, today.AddDays(-1), 100m, 0m, 0m));
        }

        var open = invoices.Sum(i => i.Amount - 100m);
        await ServiceHost.EventuallyAsync(async () => await TotalAsync(client, today.ToString("yyyy-MM-dd")) == open, "every invoice and payment in the snapshot");

        // Per invoice (one per customer): its days past due, the one bucket holding what is open on it, and how much.
        async Task<List<string>> BucketsAsync(string query)
        {
            var report = await client.GetFromJsonAsync<JsonObject>($"/api/v1/reports/aging{query}");
            return [.. invoices.Select((invoice, i) =>
            {
                var customer = report!["customers"]!.AsArray().Single(c => (Guid)c!["customerId"]! == invoice.CustomerId)!;
                var held = customer["buckets"]!.AsArray().Where(b => (decimal)b!["amount"]! != 0).Select(b => $"{(string?)b!["label"]} {(decimal)b["amount"]!:0.##}");
                return $"{daysPastDue[i]}: {string.Join(", ", held)}";
            })];
        }

        var wanted = invoices.Select((invoice, i) => $"{daysPastDue[i]}: {expected[i]} {invoice.Amount - 100m:0.##}").ToList();
        Assert.Equal(wanted, await BucketsAsync("?dealerCode=D-E")); // computed from the event tables
        Assert.Equal(wanted, await BucketsAsync("")); // today's snapshot, kept up by the consumers

        // Other buckets and back: the snapshot is rebuilt from the event tables with the same bounds.
        await SetBoundsAsync([7]);
        Assert.Equal(open, await TotalAsync(client, today.ToString("yyyy-MM-dd")));
        await SetBoundsAsync(bounds ?? AgingBuckets.DefaultUpperBounds[1..]);
        Assert.Equal(wanted, await BucketsAsync(""));
    }

    private static async Task<decimal> TotalAsync(HttpClient client, string asOf) =>
        (decimal)(await client.GetFromJsonAsync<JsonObject>($"/api/v1/reports/aging?asOf={asOf}"))!["total"]!;
}
