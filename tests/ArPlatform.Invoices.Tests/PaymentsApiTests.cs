using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ArPlatform.Invoices.Ledger;
using ArPlatform.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ArPlatform.Invoices.Tests;

/// <summary>Payments over HTTP against real PostgreSQL: allocation, open amounts from the ledger, bad input, tenancy.</summary>
public sealed class PaymentsApiTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>, IAsyncLifetime
{
    private readonly Guid _tenant = Guid.CreateVersion7();
    private readonly Guid _customer = Guid.CreateVersion7();
    private ServiceUnderTest<Program>? _service;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _service = await ServiceUnderTest<Program>.StartAsync(infrastructure, "invoicesdb");
        _client = _service.ClientFor(TestTokens.Issue(_tenant, "invoices.read", "invoices.write", "credits.approve"));
        await KnownCustomers.RegisterAsync(_service.Services, _tenant, _customer, "CUST-1");
    }

    public async Task DisposeAsync()
    {
        if (_service is not null)
        {
            await _service.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_payment_settles_the_oldest_invoices_first_and_keeps_the_rest_on_account()
    {
        var older = await IssueAsync("P-1", "2026-07-01", "2026-08-01", 1000m);
        var newer = await IssueAsync("P-2", "2026-08-01", "2026-09-01", 500m);

        var payment = await ReadAsync(await _client.PostAsJsonAsync("/api/v1/payments", new
        {
            customerId = _customer,
            amount = 1200m,
            receivedOn = "2026-09-15",
            mode = "RTGS",
            reference = "UTR42",
        }), HttpStatusCode.Created);
        Assert.Equal(0m, (decimal)payment["unappliedAmount"]!);

        Assert.Equal(("paid", 0m), await StatusAsync(older));
        Assert.Equal(("partially paid", 300m), await StatusAsync(newer));

        var over = await ReadAsync(await _client.PostAsJsonAsync("/api/v1/payments", new
        {
            customerId = _customer,
            amount = 400m,
            receivedOn = "2026-09-20",
            mode = "UPI",
            reference = "UPI-7",
            tds = new { amount = 10m, section = "194C" },
        }), HttpStatusCode.Created);
        Assert.Equal(110m, (decimal)over["unappliedAmount"]!); // 290 cash + 10 TDS settle the 300 left
        Assert.Equal(10m, (decimal)over["allocations"]![0]!["tds"]!);
        Assert.Equal(("paid", 0m), await StatusAsync(newer));

        var fetched = await _client.GetFromJsonAsync<JsonObject>($"/api/v1/payments/{over["id"]}");
        Assert.Equal(110m, (decimal)fetched!["unappliedAmount"]!);
        Assert.Equal("P-2", (string?)fetched["allocations"]![0]!["invoiceNumber"]);
    }

    [Fact]
    public async Task Oldest_first_reaches_past_settled_invoices_and_across_more_invoices_than_one_read_brings()
    {
        // 100 invoices of 100.00, due one day apart: W-000 is the oldest.
        var rows = Enumerable.Range(0, 100).Select(i => new
        {
            number = $"W-{i:D3}",
            customerId = _customer,
            invoiceDate = new DateOnly(2026, 1, 1).AddDays(i),
            dueDate = new DateOnly(2026, 2, 1).AddDays(i),
            amount = 100m,
            currency = "INR",
        });
        var issued = await ReadAsync(await _client.PostAsJsonAsync("/api/v1/invoices/batch", new { invoices = rows }), HttpStatusCode.OK);
        Assert.Equal(100, (int)issued["created"]!);

        // 7,050.00 settles the 70 oldest and half of the 71st: more invoices than the first read of 64 brings.
        var first = await ReadAsync(await _client.PostAsJsonAsync("/api/v1/payments", new
        {
            customerId = _customer,
            amount = 7050m,
            receivedOn = "2026-06-01",
            mode = "NEFT",
            reference = "UTR-W1",
        }), HttpStatusCode.Created);
        var allocations = first["allocations"]!.AsArray();
        Assert.Equal(71, allocations.Count);
        Assert.Equal(["W-000", "W-069", "W-070"], new[] { 0, 69, 70 }.Select(i => (string)allocations[i]!["invoiceNumber"]!));
        Assert.Equal(50m, (decimal)allocations[70]!["cash"]!);
        Assert.Equal(0m, (decimal)first["unappliedAmount"]!);

        // The remittance names the newest (in another case): it comes first, then the oldest still open (W-070's half).
        var second = await ReadAsync(await _client.PostAsJsonAsync("/api/v1/payments", new
        {
            customerId = _customer,
            amount = 150m,
            receivedOn = "2026-06-02",
            mode = "NEFT",
            reference = "UTR-W2",
            remittance = "Against inv w-099",
        }), HttpStatusCode.Created);
        Assert.Equal([("W-099", 100m), ("W-070", 50m)],
            second["allocations"]!.AsArray().Select(a => ((string)a!["invoiceNumber"]!, (decimal)a["cash"]!)));

        // Past 71 settled invoices, the next payment finds W-071.
        var third = await ReadAsync(await _client.PostAsJsonAsync("/api/v1/payments", new
        {
            customerId = _customer,
            amount = 30m,
            receivedOn = "2026-06-03",
            mode = "NEFT",
            reference = "UTR-W3",
        }), HttpStatusCode.Created);
        Assert.Equal("W-071", (string)third["allocations"]![0]!["invoiceNumber"]!);
    }

    [Fact]
    public async Task A_payment_that_cannot_be_applied_is_refused_field_by_field_and_writes_nothing()
    {
        var invoice = await IssueAsync("Q-1", "2026-07-01", "2026-08-01", 1000m);

        var bad = await ReadAsync(await _client.PostAsJsonAsync("/api/v1/payments", new
        {
            customerId = _customer,
            amount = 100.001m,
            receivedOn = "2999-01-01",
            mode = "BITCOIN",
            reference = "",
            tds = new { amount = 5m },
        }), HttpStatusCode.BadRequest);
        Assert.Equal(["amount", "mode", "receivedOn", "reference", "tds.section"], bad["errors"]!.AsObject().Select(e => e.Key).Order());

        var unknownInvoice = await ReadAsync(await _client.PostAsJsonAsync("/api/v1/payments", new
        {
            customerId = _customer,
            amount = 100m,
            receivedOn = "2026-09-01",
            mode = "NEFT",
            reference = "X",
            allocations = new[] { new { invoiceNumber = "Q-1", amount = 50m }, new { invoiceNumber = "NOPE", amount = 50m } },
        }), HttpStatusCode.BadRequest);
        Assert.Contains("allocations[1].invoiceNumber", unknownInvoice["errors"]!.AsObject().Select(e => e.Key));
        Assert.Equal(("open", 1000m), await StatusAsync(invoice));

        // Another tenant sees neither the invoice nor can it settle it.
        var other = _service!.ClientFor(TestTokens.Issue(Guid.CreateVersion7(), "invoices.read", "invoices.write"));
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/invoices/{invoice}")).StatusCode);
        // This tenant's customer is unknown in the other tenant; the Customers service is not running in this test,
        // so the lookup cannot answer (503; in the platform the answer is 400 "no customer"). Nothing is settled.
        var stray = await other.PostAsJsonAsync("/api/v1/payments", new
        {
            customerId = _customer,
            amount = 1000m,
            receivedOn = "2026-09-01",
            mode = "NEFT",
            reference = "X",
        });
        Assert.Equal(HttpStatusCode.ServiceUnavailable, stray.StatusCode);
        Assert.Equal(("open", 1000m), await StatusAsync(invoice));
    }

    [Fact]
    public async Task An_invoice_on_2_10_net_30_paid_net_within_ten_days_takes_the_discount_and_is_paid()
    {
        var invoice = await ReadAsync(await _client.PostAsJsonAsync("/api/v1/invoices", new
        {
            number = "D-1",
            customerId = _customer,
            invoiceDate = "2026-09-01",
            amount = 10_000m,
            currency = "INR",
            terms = new { netDays = 30, discountPercent = 2m, discountDays = 10 },
        }), HttpStatusCode.Created);
        Assert.Equal("2026-10-01", (string?)invoice["dueDate"]);

        var payment = await ReadAsync(await _client.PostAsJsonAsync("/api/v1/payments", new
        {
            customerId = _customer,
            amount = 9_800m,
            receivedOn = "2026-09-10",
            mode = "CHEQUE",
            reference = "000123",
        }), HttpStatusCode.Created);
        Assert.Equal(200m, (decimal)payment["allocations"]![0]!["discount"]!);
        Assert.Equal(("paid", 0m), await StatusAsync((string)invoice["id"]!));
    }

    [Theory]
    [InlineData("allocations")]
    [InlineData("remittance")]
    [InlineData("oldest due")]
    public async Task An_early_payment_takes_the_discount_however_it_names_the_invoice(string how)
    {
        var invoice = await ReadAsync(await _client.PostAsJsonAsync("/api/v1/invoices", new
        {
            number = "E-8000",
            customerId = _customer,
            invoiceDate = "2026-09-01",
            amount = 8_000m,
            currency = "INR",
            terms = new { netDays = 30, discountPercent = 2m, discountDays = 10 },
        }), HttpStatusCode.Created);

        var payment = await ReadAsync(await _client.PostAsJsonAsync("/api/v1/payments", new
        {
            customerId = _customer,
            amount = 7_840m,
            receivedOn = "2026-09-04",
            mode = "NEFT",
            reference = "UTR-E8000",
            remittance = how == "remittance" ? "E-8000" : null,
            allocations = how == "allocations" ? new[] { new { invoiceNumber = "E-8000", amount = 7_840m } } : null,
        }), HttpStatusCode.Created);

        Assert.Equal((7_840m, 160m), ((decimal)payment["allocations"]![0]!["cash"]!, (decimal)payment["allocations"]![0]!["discount"]!));
        Assert.Equal(0m, (decimal)payment["unappliedAmount"]!);
        Assert.Equal(("paid", 0m), await StatusAsync((string)invoice["id"]!));
    }

    [Fact]
    public async Task Malformed_allocations_and_dates_are_refused_naming_the_field_and_nothing_is_recorded()
    {
        var invoice = await IssueAsync("M-1", "2026-07-01", "2026-08-01", 1000m);
        async Task<JsonObject> Refused(string path, string json)
        {
            using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
            return await ReadAsync(await _client.PostAsync(path, content), HttpStatusCode.BadRequest);
        }

        var payment = $$"""{"customerId":"{{_customer}}","amount":100,"receivedOn":"2026-09-01","mode":"NEFT","reference":"M-REF"}""";
        Assert.True((await Refused("/api/v1/payments", payment[..^1] + ""","allocations":[null]}"""))["errors"]!.AsObject().ContainsKey("allocations[0]"));
        Assert.True((await Refused("/api/v1/payments", payment.Replace("2026-09-01", "0001-01-01")))["errors"]!.AsObject().ContainsKey("receivedOn"));
        Assert.True((await Refused("/api/v1/payments", payment.Replace("2026-09-01", "9999-12-31")))["errors"]!.AsObject().ContainsKey("receivedOn"));
        Assert.True((await Refused("/api/v1/payments", payment[..^1] + ""","allocations":[{"amount":5}]}"""))["errors"]!.AsObject()
            .ContainsKey("allocations[0].invoiceNumber"));
        Assert.Equal(("open", 1000m), await StatusAsync(invoice));

        var onAccount = await ReadAsync(await _client.PostAsJsonAsync("/api/v1/payments", new
        {
            customerId = _customer,
            amount = 1500m,
            receivedOn = "2026-09-01",
            mode = "NEFT",
            reference = "M-ACC",
            allocations = new[] { new { invoiceNumber = "M-1", amount = 1m } },
        }), HttpStatusCode.Created);
        var apply = $"/api/v1/payments/{onAccount["id"]}/apply";
        Assert.True((await Refused(apply, """{"allocations":[null]}"""))["errors"]!.AsObject().ContainsKey("allocations[0]"));
        Assert.True((await Refused(apply, """{"allocations":[]}"""))["errors"]!.AsObject().ContainsKey("allocations"));
        var fetched = await _client.GetFromJsonAsync<JsonObject>($"/api/v1/payments/{onAccount["id"]}");
        Assert.Equal(1499m, (decimal)fetched!["unappliedAmount"]!);

        var reverse = $"/api/v1/payments/{onAccount["id"]}/reverse";
        Assert.True((await Refused(reverse, """{"reason":"x","reversedOn":"0001-01-01"}"""))["errors"]!.AsObject().ContainsKey("reversedOn"));
    }

    [Fact]
    public async Task Cancellations_write_offs_and_notes_dated_before_their_invoice_or_outside_the_window_are_refused()
    {
        var invoice = await IssueAsync("B-1", "2026-07-01", "2026-08-01", 1000m);
        async Task<string> RefusedField(string path, object body)
        {
            var problem = await ReadAsync(await _client.PostAsJsonAsync(path, body), HttpStatusCode.BadRequest);
            return Assert.Single(problem["errors"]!.AsObject()).Key;
        }

        Assert.Equal("cancelledOn", await RefusedField($"/api/v1/invoices/{invoice}/cancel", new { reason = "x", cancelledOn = "2026-06-30" }));
        Assert.Equal("cancelledOn", await RefusedField($"/api/v1/invoices/{invoice}/cancel", new { reason = "x", cancelledOn = "0001-01-01" }));
        Assert.Equal("writtenOffOn", await RefusedField($"/api/v1/invoices/{invoice}/write-off", new { reason = "x", writtenOffOn = "2026-06-30" }));
        Assert.Equal("date", await RefusedField("/api/v1/credit-notes",
            new { number = "CN-B", customerId = _customer, date = "2026-06-30", amount = 10m, invoiceNumber = "B-1" }));
        Assert.Equal("date", await RefusedField("/api/v1/debit-notes",
            new { number = "DN-B", customerId = _customer, date = "9999-12-31", amount = 10m, invoiceNumber = "B-1" }));
        Assert.Equal("invoiceDate", await RefusedField("/api/v1/invoices",
            new { number = "B-2", customerId = _customer, invoiceDate = "0001-01-01", dueDate = "2026-08-01", amount = 10m, currency = "INR" }));
        Assert.Equal("dueDate", await RefusedField("/api/v1/invoices",
            new { number = "B-3", customerId = _customer, invoiceDate = "2026-07-01", dueDate = "9999-12-31", amount = 10m, currency = "INR" }));
        Assert.Equal(("open", 1000m), await StatusAsync(invoice));
    }

    [Fact]
    public async Task The_database_refuses_an_entry_that_would_over_settle_even_from_code_that_skips_the_ledger_writer()
    {
        var invoice = Guid.Parse(await IssueAsync("G-1", "2026-07-01", "2026-08-01", 1000m));
        using var scope = _service!.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<ArPlatform.BuildingBlocks.Tenancy.TenantContext>().Set(_tenant);
        var db = scope.ServiceProvider.GetRequiredService<ArPlatform.Invoices.Persistence.InvoicesDbContext>();
        LedgerEntry Entry(string kind, decimal amount) => new()
        {
            Id = Guid.CreateVersion7(),
            CustomerId = _customer,
            InvoiceId = invoice,
            Kind = kind,
            Amount = amount,
            EffectiveDate = new DateOnly(2026, 9, 1),
            RecordedAt = DateTimeOffset.UtcNow,
        };

        db.Ledger.Add(Entry(LedgerKinds.CreditNote, -1000.01m));
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        db.ChangeTracker.Clear();
        db.Ledger.Add(Entry(LedgerKinds.Reversal, 0.01m)); // above what is owed
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        db.ChangeTracker.Clear();
        db.Ledger.Add(Entry(LedgerKinds.Cash, 5m)); // a settlement that adds
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        db.ChangeTracker.Clear();
        await Assert.ThrowsAsync<Npgsql.PostgresException>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM ledger_entries"));

        db.Ledger.Add(Entry(LedgerKinds.CreditNote, -400m));
        await db.SaveChangesAsync();
        Assert.Equal(("partially paid", 600m), await StatusAsync(invoice.ToString()));
    }

    [Fact]
    public async Task A_reversed_payment_reopens_what_it_settled_once()
    {
        var invoice = await IssueAsync("R-1", "2026-07-01", "2026-08-01", 1000m);
        var payment = await ReadAsync(await _client.PostAsJsonAsync("/api/v1/payments", new
        {
            customerId = _customer,
            amount = 1000m,
            receivedOn = "2026-09-01",
            mode = "CHEQUE",
            reference = "CHQ-77",
        }), HttpStatusCode.Created);
        Assert.Equal(("paid", 0m), await StatusAsync(invoice));
        var reverse = $"/api/v1/payments/{payment["id"]}/reverse";

        var noReason = await ReadAsync(await _client.PostAsJsonAsync(reverse, new { reason = "" }), HttpStatusCode.BadRequest);
        Assert.True(noReason["errors"]!.AsObject().ContainsKey("reason"));
        var tooEarly = await ReadAsync(await _client.PostAsJsonAsync(reverse, new { reason = "bounced", reversedOn = "2026-08-31" }), HttpStatusCode.BadRequest);
        Assert.True(tooEarly["errors"]!.AsObject().ContainsKey("reversedOn"));

        await ReadAsync(await _client.PostAsJsonAsync(reverse, new { reason = "Cheque bounced: insufficient funds", reversedOn = "2026-09-05" }), HttpStatusCode.OK);
        Assert.Equal(("open", 1000m), await StatusAsync(invoice));
        await ReadAsync(await _client.PostAsJsonAsync(reverse, new { reason = "again" }), HttpStatusCode.Conflict);
        Assert.Equal(("open", 1000m), await StatusAsync(invoice));

        var fetched = await _client.GetFromJsonAsync<JsonObject>($"/api/v1/payments/{payment["id"]}");
        Assert.Equal("2026-09-05", (string?)fetched!["reversedOn"]);
        var history = (await _client.GetFromJsonAsync<JsonObject>($"/api/v1/invoices/{invoice}"))!["history"]!.AsArray();
        Assert.Equal([("invoice", 1000m), ("cash", -1000m), ("reversal", 1000m)], history.Select(h => ((string)h!["kind"]!, (decimal)h["amount"]!)));
        Assert.Equal(1000m, (decimal)fetched["allocations"]![0]!["cash"]!);

        var other = _service!.ClientFor(TestTokens.Issue(Guid.CreateVersion7(), "invoices.write"));
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsJsonAsync(reverse, new { reason = "not mine" })).StatusCode);
    }

    [Fact]
    public async Task A_credit_note_reduces_its_invoice_and_cannot_exceed_what_is_open()
    {
        var invoice = await IssueAsync("CN-INV", "2026-07-01", "2026-08-01", 1000m);

        var note = await ReadAsync(await _client.PostAsJsonAsync("/api/v1/credit-notes", new
        {
            number = "CN-1",
            customerId = _customer,
            date = "2026-07-15",
            amount = 250m,
            invoiceNumber = "CN-INV",
        }), HttpStatusCode.Created);
        Assert.Equal("CN-INV", (string?)note["invoiceNumber"]);
        Assert.Equal(("partially paid", 750m), await StatusAsync(invoice));

        var tooMuch = await ReadAsync(await _client.PostAsJsonAsync("/api/v1/credit-notes", new
        {
            number = "CN-2",
            customerId = _customer,
            date = "2026-07-15",
            amount = 750.01m,
            invoiceNumber = "CN-INV",
        }), HttpStatusCode.BadRequest);
        Assert.True(tooMuch["errors"]!.AsObject().ContainsKey("amount"));
        var unknown = await ReadAsync(await _client.PostAsJsonAsync("/api/v1/credit-notes", new
        {
            number = "CN-3",
            customerId = _customer,
            date = "2026-07-15",
            amount = 1m,
            invoiceNumber = "NOPE",
        }), HttpStatusCode.BadRequest);
        Assert.True(unknown["errors"]!.AsObject().ContainsKey("invoiceNumber"));
        await ReadAsync(await _client.PostAsJsonAsync("/api/v1/credit-notes", new
        {
            number = "CN-1",
            customerId = _customer,
            date = "2026-07-15",
            amount = 1m,
        }), HttpStatusCode.Conflict);

        // On account: no invoice changes.
        await ReadAsync(await _client.PostAsJsonAsync("/api/v1/credit-notes", new
        {
            number = "CN-4",
            customerId = _customer,
            date = "2026-07-20",
            amount = 5m,
        }), HttpStatusCode.Created);
        Assert.Equal(("partially paid", 750m), await StatusAsync(invoice));

        var other = _service!.ClientFor(TestTokens.Issue(Guid.CreateVersion7(), "invoices.read"));
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/credit-notes/{note["id"]}")).StatusCode);
    }

    private async Task<string> IssueAsync(string number, string date, string due, decimal amount)
    {
        var invoice = await ReadAsync(await _client.PostAsJsonAsync("/api/v1/invoices", new
        {
            number,
            customerId = _customer,
            invoiceDate = date,
            dueDate = due,
            amount,
            currency = "INR",
        }), HttpStatusCode.Created);
        return (string)invoice["id"]!;
    }

    private async Task<(string Status, decimal Open)> StatusAsync(string invoiceId)
    {
        var invoice = await _client.GetFromJsonAsync<JsonObject>($"/api/v1/invoices/{invoiceId}");
        return ((string)invoice!["status"]!, (decimal)invoice["openAmount"]!);
    }

    private static async Task<JsonObject> ReadAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }
}
