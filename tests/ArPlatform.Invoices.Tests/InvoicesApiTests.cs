using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ArPlatform.Contracts;
using ArPlatform.Testing;

namespace ArPlatform.Invoices.Tests;

/// <summary>Invoices over HTTP against real PostgreSQL and RabbitMQ: details, notes, cancel, write-off, lists, batch imports.</summary>
public sealed class InvoicesApiTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>, IAsyncLifetime
{
    private readonly Guid _tenant = Guid.CreateVersion7();
    private readonly Guid _customer = Guid.CreateVersion7();
    private ServiceUnderTest<Program>? _service;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _service = await ServiceUnderTest<Program>.StartAsync(infrastructure, "invoicesdb");
        _client = _service.ClientFor(TestTokens.Issue(_tenant, "invoices.read", "invoices.write", "credits.approve"));
        await KnownCustomers.RegisterAsync(_service.Services, _tenant, _customer, "ACME-01", new CustomerTerms(45, 2m, 10));
    }

    public async Task DisposeAsync()
    {
        if (_service is not null)
        {
            await _service.DisposeAsync();
        }
    }

    [Fact]
    public async Task Customers_imported_together_are_known_by_code_with_their_terms_even_when_the_batch_is_delivered_twice()
    {
        var (first, second) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        var batch = CustomersRegistered.Of(_tenant, DateTimeOffset.UtcNow,
            [new RegisteredCustomer(first, "BATCH-01", "Batch One", null, new CustomerTerms(60)), new RegisteredCustomer(second, "BATCH-02", "Batch Two", null)]);
        var messageId = Guid.NewGuid();
        await Events.PublishAsync(_service!.Services, batch, messageId);
        await Events.PublishAsync(_service.Services, batch, messageId); // delivered twice

        JsonObject? invoice = null;
        await ServiceHost.EventuallyAsync(async () =>
        {
            var response = await _client.PostAsJsonAsync("/api/v1/invoices", new { number = "BATCH-INV-1", customerCode = "BATCH-01", invoiceDate = "2026-09-01", amount = 10m, currency = "INR" });
            invoice = response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonObject>() : null;
            return invoice is not null;
        }, "the imported customers to be known to Invoices");
        Assert.Equal((first.ToString(), "2026-10-31"), ((string?)invoice!["customerId"], (string?)invoice["dueDate"])); // 60 days, the batch's terms
        var plain = await PostAsync("/api/v1/invoices", new { number = "BATCH-INV-2", customerCode = "BATCH-02", invoiceDate = "2026-09-01", amount = 10m, currency = "INR", terms = new { netDays = 15 } },
            HttpStatusCode.Created);
        Assert.Equal(second.ToString(), (string?)plain["customerId"]);
    }

    [Fact]
    public async Task An_invoice_by_customer_code_with_GST_lines_inherits_the_customers_terms_and_shows_its_details()
    {
        var invoice = await PostAsync("/api/v1/invoices", new
        {
            number = "GST-1",
            customerCode = "ACME-01",
            invoiceDate = "2026-09-01",
            currency = "INR",
            poReference = "PO/2026/77",
            dealerCode = "DLR-NORTH-3",
            statutoryForm = "C",
            expectedTds = new { section = "194Q", rate = 0.1m },
            lines = new object[]
            {
                new { description = "Steel coil", hsnSac = "7208", quantity = 2.5m, unitPrice = 40000m, taxableValue = 100000m, cgst = 9000m, sgst = 9000m, lineTotal = 118000m },
                new { description = "Freight", hsnSac = "996511", quantity = 1m, unitPrice = 1000.5m, taxableValue = 1000.5m, igst = 0m, cgst = 90.05m, sgst = 90.05m, lineTotal = 1180.6m },
            },
        }, HttpStatusCode.Created);

        Assert.Equal(_customer.ToString(), (string?)invoice["customerId"]);
        Assert.Equal("2026-10-16", (string?)invoice["dueDate"]); // 45 days, from the customer's default terms
        Assert.Equal(2m, (decimal)invoice["terms"]!["discountPercent"]!);
        Assert.Equal(119180.6m, (decimal)invoice["amount"]!);
        Assert.Equal(101000.5m, (decimal)invoice["taxableValue"]!);
        Assert.Equal(101.00m, (decimal)invoice["expectedTds"]!["amount"]!); // 0.1 % of the value before GST
        Assert.Equal("C", (string?)invoice["statutoryForm"]);
        Assert.Equal(2, invoice["lines"]!.AsArray().Count);

        var fetched = await _client.GetFromJsonAsync<JsonObject>($"/api/v1/invoices/{invoice["id"]}");
        Assert.Equal("PO/2026/77", (string?)fetched!["poReference"]);
        Assert.Equal("DLR-NORTH-3", (string?)fetched["dealerCode"]);
        Assert.Equal("7208", (string?)fetched["lines"]![0]!["hsnSac"]);
        Assert.Equal("open", (string?)fetched["status"]);
    }

    [Fact]
    public async Task Lines_that_do_not_add_up_to_the_paisa_are_refused_naming_the_line_and_rule()
    {
        var problem = await PostAsync("/api/v1/invoices", new
        {
            number = "GST-BAD",
            customerId = _customer,
            invoiceDate = "2026-09-01",
            dueDate = "2026-10-01",
            currency = "INR",
            amount = 500m,
            statutoryForm = "Z",
            lines = new object[]
            {
                new { description = "Widget", hsnSac = "12", quantity = 3m, unitPrice = 33.33m, taxableValue = 100m, cgst = 9m, sgst = 9m, lineTotal = 118m },
                new { description = "Mixed", quantity = 1m, unitPrice = 100m, taxableValue = 100m, cgst = 9m, igst = 18m, lineTotal = 127m },
            },
        }, HttpStatusCode.BadRequest);
        var errors = problem["errors"]!.AsObject();
        Assert.Contains("99.99", (string?)errors["lines[0].taxableValue"]![0]);
        Assert.True(errors.ContainsKey("lines[0].hsnSac"));
        Assert.True(errors.ContainsKey("lines[1].igst"));
        Assert.True(errors.ContainsKey("statutoryForm"));

        var sumWrong = await PostAsync("/api/v1/invoices", new
        {
            number = "GST-SUM",
            customerId = _customer,
            invoiceDate = "2026-09-01",
            currency = "INR",
            amount = 119m,
            lines = new object[] { new { description = "Widget", quantity = 1m, unitPrice = 100m, taxableValue = 100m, cgst = 9m, sgst = 9m, lineTotal = 118m } },
        }, HttpStatusCode.BadRequest);
        Assert.Contains("118.00", (string?)sumWrong["errors"]!["amount"]![0]);
        Assert.Equal(0, (int)(await _client.GetFromJsonAsync<JsonObject>("/api/v1/invoices"))!["total"]!);
    }

    [Fact]
    public async Task Cancel_only_while_nothing_is_applied_and_write_off_the_rest()
    {
        var untouched = await IssueAsync("CX-1", 1000m);
        var cancelled = await PostAsync($"/api/v1/invoices/{untouched}/cancel", new { reason = "Raised twice" }, HttpStatusCode.OK);
        Assert.Equal("cancelled", (string?)cancelled["status"]);
        await PostAsync($"/api/v1/invoices/{untouched}/cancel", new { reason = "again" }, HttpStatusCode.Conflict);

        var paid = await IssueAsync("CX-2", 1000m);
        await PayAsync(400m, "CX-2");
        var refused = await PostAsync($"/api/v1/invoices/{paid}/cancel", new { reason = "late change of mind" }, HttpStatusCode.Conflict);
        Assert.Contains("credit note", (string?)refused["detail"]);

        var partial = await PostAsync($"/api/v1/invoices/{paid}/write-off", new { reason = "Short-paid, not worth chasing", amount = 100m }, HttpStatusCode.OK);
        Assert.Equal(500m, (decimal)partial["openAmount"]!);
        Assert.Equal("partially paid", (string?)partial["status"]);
        await PostAsync($"/api/v1/invoices/{paid}/write-off", new { reason = "too much", amount = 500.01m }, HttpStatusCode.BadRequest);
        var rest = await PostAsync($"/api/v1/invoices/{paid}/write-off", new { reason = "Customer insolvent" }, HttpStatusCode.OK);
        Assert.Equal(("written off", 0m, 600m), ((string)rest["status"]!, (decimal)rest["openAmount"]!, (decimal)rest["writtenOff"]!));
        await PostAsync($"/api/v1/invoices/{paid}/write-off", new { reason = "nothing left" }, HttpStatusCode.Conflict);

        var byStatus = await _client.GetFromJsonAsync<JsonObject>("/api/v1/invoices?status=written%20off");
        Assert.Equal("CX-2", (string?)Assert.Single(byStatus!["items"]!.AsArray())!["number"]);
        var cancelledList = await _client.GetFromJsonAsync<JsonObject>("/api/v1/invoices?status=cancelled");
        Assert.Equal("CX-1", (string?)Assert.Single(cancelledList!["items"]!.AsArray())!["number"]);
    }

    [Fact]
    public async Task A_debit_note_adds_to_its_invoice_and_overpaid_cash_is_applied_to_a_later_invoice_when_asked()
    {
        var first = await IssueAsync("DN-1", 1000m);
        var note = await PostAsync("/api/v1/debit-notes", new { number = "DBN-1", customerCode = "ACME-01", date = "2026-09-05", amount = 50m, invoiceNumber = "DN-1" },
            HttpStatusCode.Created);
        Assert.Equal(first, (string?)note["invoiceId"]);
        await PostAsync("/api/v1/debit-notes", new { number = "DBN-2", customerId = _customer, date = "2026-09-05", amount = 50m },
            HttpStatusCode.BadRequest);
        Assert.Equal(1050m, await OpenAsync(first));

        var payment = await PayAsync(1300m, null);
        Assert.Equal(250m, (decimal)payment["unappliedAmount"]!);
        Assert.Equal(0m, await OpenAsync(first));

        var later = await IssueAsync("DN-2", 400m);
        var applied = await PostAsync($"/api/v1/payments/{payment["id"]}/apply", new { }, HttpStatusCode.OK);
        Assert.Equal(0m, (decimal)applied["unappliedAmount"]!);
        Assert.Equal(150m, await OpenAsync(later));
        await PostAsync($"/api/v1/payments/{payment["id"]}/apply", new { }, HttpStatusCode.Conflict);

        var overdue = await _client.GetFromJsonAsync<JsonObject>("/api/v1/invoices?overdue=true&dueFrom=2026-01-01&dueTo=2026-12-31");
        Assert.Equal("DN-2", (string?)Assert.Single(overdue!["items"]!.AsArray())!["number"]);

        // Reversing the payment reopens both invoices, the later application included.
        await PostAsync($"/api/v1/payments/{payment["id"]}/reverse", new { reason = "Cheque bounced" }, HttpStatusCode.OK);
        Assert.Equal(1050m, await OpenAsync(first));
        Assert.Equal(400m, await OpenAsync(later));
    }

    [Fact]
    public async Task A_batch_answers_per_row_and_a_replay_creates_nothing_twice()
    {
        object Row(string number, decimal amount) => new { number, customerCode = "ACME-01", invoiceDate = "2026-09-01", dueDate = "2026-10-01", amount, currency = "INR" };
        var batch = new { invoices = new object?[] { Row("B-1", 100m), Row("B-2", 200m), new { number = "B-3", customerCode = "NOBODY", invoiceDate = "2026-09-01", amount = 1m, currency = "INR" }, Row("B-4", -5m), null } };

        var first = await PostAsync("/api/v1/invoices/batch", batch, HttpStatusCode.OK);
        Assert.Equal((2, 0, 3), ((int)first["created"]!, (int)first["duplicates"]!, (int)first["rejected"]!));
        var rows = first["rows"]!.AsArray();
        Assert.Equal("created", (string?)rows[0]!["status"]);
        Assert.True(rows[3]!["errors"]!.AsObject().ContainsKey("amount"));
        Assert.Equal("rejected", (string?)rows[4]!["status"]);

        // The same rows again: duplicates. A replay that changes B-2 is rejected, and a new row is created.
        var replay = await PostAsync("/api/v1/invoices/batch", new { invoices = new[] { Row("B-1", 100m), Row("B-2", 999m), Row("B-5", 5m) } }, HttpStatusCode.OK);
        Assert.Equal(["duplicate", "rejected", "created"], replay["rows"]!.AsArray().Select(r => (string?)r!["status"]));
        Assert.Equal((string?)rows[0]!["id"], (string?)replay["rows"]![0]!["id"]);
        Assert.True(replay["rows"]![1]!["errors"]!.AsObject().ContainsKey("number"));

        var list = await _client.GetFromJsonAsync<JsonObject>("/api/v1/invoices");
        Assert.Equal(3, (int)list!["total"]!);
        Assert.Equal(200m, (decimal)list["items"]!.AsArray().Single(i => (string?)i!["number"] == "B-2")!["amount"]!);

        var tooMany = await PostAsync("/api/v1/invoices/batch", new { invoices = Enumerable.Range(0, 5001).Select(i => Row($"X-{i}", 1m)) }, HttpStatusCode.BadRequest);
        Assert.True(tooMany["errors"]!.AsObject().ContainsKey("invoices"));
    }

    [Fact]
    public async Task Another_tenant_sees_none_of_it_and_an_unknown_customer_is_not_recorded()
    {
        var invoice = await IssueAsync("T-1", 100m);
        var other = _service!.ClientFor(TestTokens.Issue(Guid.CreateVersion7(), "invoices.read", "invoices.write", "credits.approve"));
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/invoices/{invoice}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsJsonAsync($"/api/v1/invoices/{invoice}/cancel", new { reason = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsJsonAsync($"/api/v1/invoices/{invoice}/write-off", new { reason = "x" })).StatusCode);
        Assert.Equal(0, (int)(await other.GetFromJsonAsync<JsonObject>("/api/v1/invoices"))!["total"]!);

        // The other tenant cannot reach this tenant's customer by its code either. Customers is not running in this
        // test, so the lookup fails: 503 with what to do, and nothing written.
        var response = await other.PostAsJsonAsync("/api/v1/invoices", new { number = "T-2", customerCode = "ACME-01", invoiceDate = "2026-09-01", dueDate = "2026-10-01", amount = 1m, currency = "INR" });
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("Retry", (string?)(await response.Content.ReadFromJsonAsync<JsonObject>())!["detail"]);
        Assert.Equal(0, (int)(await other.GetFromJsonAsync<JsonObject>("/api/v1/invoices"))!["total"]!);
    }

    [Fact]
    public async Task Without_a_due_date_terms_or_customer_default_terms_the_invoice_is_refused()
    {
        var plain = Guid.CreateVersion7();
        await KnownCustomers.RegisterAsync(_service!.Services, _tenant, plain, "PLAIN-01");
        var problem = await PostAsync("/api/v1/invoices", new { number = "ND-1", customerCode = "PLAIN-01", invoiceDate = "2026-09-01", amount = 5m, currency = "INR" },
            HttpStatusCode.BadRequest);
        Assert.Contains("terms", (string?)problem["errors"]!["dueDate"]![0]);
        var withTerms = await PostAsync("/api/v1/invoices", new { number = "ND-1", customerCode = "PLAIN-01", invoiceDate = "2026-09-01", amount = 5m, currency = "INR", terms = new { netDays = 15 } },
            HttpStatusCode.Created);
        Assert.Equal("2026-09-16", (string?)withTerms["dueDate"]);
    }

    [Fact]
    public async Task CustomerUpdated_gives_new_invoices_the_new_default_terms_and_an_older_event_changes_nothing()
    {
        var customer = Guid.CreateVersion7();
        await KnownCustomers.RegisterAsync(_service!.Services, _tenant, customer, "UPD-01", new CustomerTerms(30));
        var updatedAt = DateTimeOffset.UtcNow;
        using var consumed = new ConsumedMessages(_service.Services);
        await Events.PublishAsync(_service.Services, new CustomerUpdated(_tenant, customer, "UPD-01", "Renamed", null, new CustomerTerms(60), null, null, "active", updatedAt));
        // An update that was older (delivered late) must not bring back what it said.
        var older = Guid.NewGuid();
        await Events.PublishAsync(_service.Services, new CustomerUpdated(_tenant, customer, "UPD-01", "Old", null, new CustomerTerms(10), null, null, "active", updatedAt.AddMinutes(-5)), older);
        var number = 0;
        await ServiceHost.EventuallyAsync(async () =>
        {
            var invoice = await PostAsync("/api/v1/invoices", new { number = $"UPD-{++number}", customerId = customer, invoiceDate = "2026-09-01", amount = 5m, currency = "INR" },
                HttpStatusCode.Created);
            return (string?)invoice["dueDate"] == "2026-10-31";
        }, "the new default terms");
        await consumed.WaitAsync<CustomerUpdated>(older);
        var last = await PostAsync("/api/v1/invoices", new { number = "UPD-LAST", customerId = customer, invoiceDate = "2026-09-01", amount = 5m, currency = "INR" },
            HttpStatusCode.Created);
        Assert.Equal("2026-10-31", (string?)last["dueDate"]);
    }

    [Fact]
    public async Task A_statement_carries_the_balance_forward_and_every_line_as_JSON_CSV_and_HTML()
    {
        await IssueAsync("ST-1", 1000m); // 2026-09-01
        await PayAsync(400m, "ST-1");    // 2026-09-20
        await PostAsync("/api/v1/credit-notes", new { number = "CN-ST", customerId = _customer, date = "2026-10-05", amount = 100m, invoiceNumber = "ST-1" },
            HttpStatusCode.Created);

        var statement = await _client.GetFromJsonAsync<JsonObject>($"/api/v1/statements/{_customer}?from=2026-09-15&to=2026-10-31");
        Assert.Equal(1000m, (decimal)statement!["openingBalance"]!);
        Assert.Equal(["Payment", "Credit note"], statement["lines"]!.AsArray().Select(l => (string?)l!["type"]));
        Assert.Equal("CN-ST", (string?)statement["lines"]![1]!["reference"]);
        Assert.Equal(500m, (decimal)statement["closingBalance"]!);
        Assert.Equal(500m, (decimal)statement["aging"]!.AsArray().Single(b => (string?)b!["label"] == "1-30")!["amount"]!);

        var csv = await _client.GetAsync($"/api/v1/statements/{_customer}?from=2026-09-15&to=2026-10-31&format=csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var rows = (await csv.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("date,type,reference,invoice,debit,credit,balance", rows[0].TrimEnd('\r'));
        Assert.StartsWith("2026-10-31,Closing balance,,,0.00,500.00,500.00", rows[^1]);

        using var html = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/statements/{_customer}?from=2026-09-15&to=2026-10-31");
        html.Headers.Accept.ParseAdd("text/html");
        var page = await (await _client.SendAsync(html)).Content.ReadAsStringAsync();
        Assert.Contains("Statement of account", page);
        Assert.Contains("ACME-01", page);

        var bad = await _client.GetAsync($"/api/v1/statements/{_customer}?from=2026-11-01&to=2026-10-01");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var other = _service!.ClientFor(TestTokens.Issue(Guid.CreateVersion7(), "invoices.read"));
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/statements/{_customer}")).StatusCode);
    }

    [Fact]
    public async Task A_payment_reaches_past_the_first_page_of_open_invoices_and_a_named_newest_invoice_comes_first()
    {
        var rows = Enumerable.Range(1, 150).Select(i => new
        {
            number = $"MANY-{i:D3}",
            customerId = _customer,
            invoiceDate = "2026-06-01",
            dueDate = new DateOnly(2026, 7, 1).AddDays(i).ToString("yyyy-MM-dd"),
            amount = 10m,
            currency = "INR",
        });
        await PostAsync("/api/v1/invoices/batch", new { invoices = rows }, HttpStatusCode.OK);

        var payment = await PostAsync("/api/v1/payments", new
        {
            customerId = _customer,
            amount = 1005m,
            receivedOn = "2026-09-20",
            mode = "NEFT",
            reference = "UTR-MANY",
            remittance = "Paying MANY-150 and the oldest",
        }, HttpStatusCode.Created);
        var settled = payment["allocations"]!.AsArray().Select(a => (string)a!["invoiceNumber"]!).ToList();
        Assert.Equal("MANY-150", settled[0]);
        Assert.Equal(101, settled.Count); // MANY-150, then MANY-001 .. MANY-099 in full and 5 on MANY-100
        Assert.Equal("MANY-100", settled[^1]);
        Assert.Equal(5m, (decimal)payment["allocations"]![100]!["cash"]!);
        var open = await _client.GetFromJsonAsync<JsonObject>("/api/v1/invoices?status=open&pageSize=500");
        Assert.Equal(49, (int)open!["total"]!); // MANY-101 .. MANY-149
    }

    private async Task<string> IssueAsync(string number, decimal amount) =>
        (string)(await PostAsync("/api/v1/invoices", new { number, customerId = _customer, invoiceDate = "2026-09-01", dueDate = "2026-10-01", amount, currency = "INR" },
            HttpStatusCode.Created))["id"]!;

    private Task<JsonObject> PayAsync(decimal amount, string? invoiceNumber) => PostAsync("/api/v1/payments", new
    {
        customerId = _customer,
        amount,
        receivedOn = "2026-09-20",
        mode = "NEFT",
        reference = $"UTR{Guid.NewGuid():N}"[..20],
        allocations = invoiceNumber is null ? null : new[] { new { invoiceNumber, amount } },
    }, HttpStatusCode.Created);

    private async Task<decimal> OpenAsync(string invoiceId) =>
        (decimal)(await _client.GetFromJsonAsync<JsonObject>($"/api/v1/invoices/{invoiceId}"))!["openAmount"]!;

    private async Task<JsonObject> PostAsync(string path, object body, HttpStatusCode expected)
    {
        var response = await _client.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }
}
