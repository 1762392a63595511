using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ArPlatform.BuildingBlocks.Jobs;
using ArPlatform.Contracts;
using ArPlatform.Customers.Risk;
using ArPlatform.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace ArPlatform.Customers.Tests;

/// <summary>Payment behaviour from the events, the risk rating, overdue holds and the nightly re-score, against the real servers.</summary>
public sealed class RiskScoringTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>, IAsyncLifetime
{
    private static readonly DateOnly Today = new(2026, 11, 22);
    private readonly Guid _tenant = Guid.CreateVersion7();
    private ServiceUnderTest<Program>? _service;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        // The scoring loop runs once at start and the daily jobs not at all; the test drives both itself with fixed business dates.
        _service = await ServiceUnderTest<Program>.StartAsync(infrastructure, "customersdb",
            new Dictionary<string, string> { ["Jobs:Risk:Interval"] = "1.00:00:00", ["Jobs:Daily:Enabled"] = "false" });
        _client = _service.ClientFor(TestTokens.Issue(_tenant, "customers.read", "customers.write"));
    }

    public async Task DisposeAsync()
    {
        if (_service is not null)
        {
            await _service.DisposeAsync();
        }
    }

    private RiskScoringJob Job => _service!.Services.GetRequiredService<RiskScoringJob>();

    private async Task<Guid> RegisterAsync(string code)
    {
        var created = await _client.PostAsJsonAsync("/api/v1/customers", new { code, name = $"Customer {code}" });
        created.EnsureSuccessStatusCode();
        return Guid.Parse((string)(await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!);
    }

    private async Task<InvoiceIssued> IssueAsync(Guid customer, string number, DateOnly due, decimal amount)
    {
        var invoice = new InvoiceIssued(_tenant, Guid.CreateVersion7(), number, customer, due.AddDays(-30), due, amount, "INR", DateTimeOffset.UtcNow);
        await Events.PublishAsync(_service!.Services, invoice);
        return invoice;
    }

    private async Task<Guid> PayAsync(InvoiceIssued invoice, DateOnly on, Guid? messageId = null)
    {
        var payment = Guid.CreateVersion7();
        var allocated = new PaymentAllocated(_tenant, payment, invoice.CustomerId, invoice.InvoiceId, invoice.Number, invoice.DueDate, on, invoice.Amount, 0m, 0m);
        await Events.PublishAsync(_service!.Services, allocated, messageId);
        if (messageId is not null)
        {
            await Events.PublishAsync(_service.Services, allocated, messageId); // delivered twice
        }

        await Events.PublishAsync(_service.Services, new InvoiceSettled(_tenant, invoice.InvoiceId, invoice.Number, invoice.CustomerId, invoice.DueDate, on,
            Math.Max(0, on.DayNumber - invoice.DueDate.DayNumber)));
        return payment;
    }

    private async Task<JsonObject> RiskAsync(Guid customer, Func<JsonObject, bool> done, string asOf = "2026-11-22")
    {
        JsonObject? risk = null;
        await ServiceHost.EventuallyAsync(async () =>
        {
            risk = await _client.GetFromJsonAsync<JsonObject>($"/api/v1/customers/{customer}/risk?asOf={asOf}");
            return done(risk!);
        }, "the customer's payment behaviour");
        return risk!;
    }

    private async Task<JsonObject> CreditAsync(Guid customer) => (await _client.GetFromJsonAsync<JsonObject>($"/api/v1/customers/{customer}"))!["credit"]!.AsObject();

    private async Task<long> OutboxCountAsync(string type)
    {
        await using var connection = new NpgsqlConnection(_service!.Database.Admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM outbox_messages WHERE type LIKE 'ArPlatform.Contracts.{type},%' AND tenant_id = @t", connection);
        command.Parameters.AddWithValue("t", _tenant);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task Ratings_follow_payment_behaviour_and_an_invoice_too_long_overdue_holds_the_customer_until_it_is_paid()
    {
        var good = await RegisterAsync("RISK-GOOD");
        var late = await RegisterAsync("RISK-LATE");
        var g1 = await IssueAsync(good, "G-1", new DateOnly(2026, 9, 30), 10_000m);
        var l1 = await IssueAsync(late, "L-1", new DateOnly(2026, 8, 31), 10_000m);
        var l2 = await IssueAsync(late, "L-2", new DateOnly(2026, 8, 1), 5_000m);
        var goodPayment = await PayAsync(g1, new DateOnly(2026, 9, 28), Guid.NewGuid());
        await PayAsync(l1, new DateOnly(2026, 10, 20), Guid.NewGuid());

        // Events travel on separate queues: wait until all three of the late customer's have arrived.
        var lateRisk = await RiskAsync(late, r => (int)r["behaviour"]!["payments"]! == 1 && (int)r["behaviour"]!["invoicesSettled"]! == 1
            && (decimal)r["behaviour"]!["openAmount"]! == 5_000m);
        Assert.Equal((50.0, 5_000m, "L-2"), ((double)lateRisk["behaviour"]!["averageDaysLate"]!, (decimal)lateRisk["behaviour"]!["overdueAmount"]!,
            (string?)lateRisk["behaviour"]!["oldestOverdueInvoice"]));
        await RiskAsync(good, r => (int)r["behaviour"]!["invoicesSettled"]! == 1 && (int)r["behaviour"]!["payments"]! == 1);

        Assert.Equal(2, await Job.ScoreQueuedAsync(Today));
        Assert.Equal("A", (string?)(await CreditAsync(good))["riskRating"]);
        // 30 (50 days late) + 20 (all settled late) + 20 (L-2 open 113 days) + 10 (all that is open is overdue) = 80
        Assert.Equal(("E", 80), ((string?)lateRisk["rating"], (int)lateRisk["score"]!));
        Assert.Equal("E", (string?)(await CreditAsync(late))["riskRating"]);
        Assert.Equal(2, await OutboxCountAsync("CustomerRiskChanged"));
        Assert.Equal(0, await Job.ScoreQueuedAsync(Today)); // nothing queued, nothing moves

        // A past date sees only what had happened by then: L-1 not yet paid, L-2 not yet due.
        var before = await _client.GetFromJsonAsync<JsonObject>($"/api/v1/customers/{late}/risk?asOf=2026-07-15");
        Assert.Equal((0, (string?)null), ((int)before!["behaviour"]!["payments"]!, (string?)before["rating"]));

        // The tenant holds customers with an invoice more than 60 days overdue: every customer is re-assessed.
        Assert.Equal(HttpStatusCode.BadRequest, (await _client.PutAsJsonAsync("/api/v1/customers/credit-settings", new { overdueHoldDays = 0 })).StatusCode);
        (await _client.PutAsJsonAsync("/api/v1/customers/credit-settings", new { overdueHoldDays = 60 })).EnsureSuccessStatusCode();
        await Job.ScoreQueuedAsync(Today);
        var held = await CreditAsync(late);
        Assert.Equal((true, "invoice L-2 more than 60 days overdue"), ((bool)held["onHold"]!, (string?)held["holdReason"]));
        Assert.False((bool)(await CreditAsync(good))["onHold"]!);

        // Paying L-2 cures it: the hold is released at the next scoring.
        await PayAsync(l2, Today);
        await RiskAsync(late, r => (int)r["behaviour"]!["payments"]! == 2);
        await Job.ScoreQueuedAsync(Today);
        Assert.Equal((false, (string?)null), ((bool)(await CreditAsync(late))["onHold"]!, (string?)(await CreditAsync(late))["holdReason"]));
        Assert.Equal(2, await OutboxCountAsync("CreditHoldChanged"));

        // The good customer's cheque bounces: the payment no longer counts, G-1 is open and overdue again, and the bounce counts.
        await Events.PublishAsync(_service!.Services, new PaymentReversed(_tenant, goodPayment, good, Today, "cheque returned unpaid",
            [new ReversedSettlement(g1.InvoiceId, g1.DueDate, 10_000m)]));
        var bounced = await RiskAsync(good, r => (int)r["behaviour"]!["bouncedPayments12Months"]! == 1);
        Assert.Equal((0, 0, 10_000m), ((int)bounced["behaviour"]!["payments"]!, (int)bounced["behaviour"]!["invoicesSettled"]!, (decimal)bounced["behaviour"]!["overdueAmount"]!));
        await Job.ScoreQueuedAsync(Today);
        Assert.NotEqual("A", (string?)(await CreditAsync(good))["riskRating"]);
        Assert.Equal(10_000m, (decimal)(await CreditAsync(good))["exposure"]!);
    }

    [Fact]
    public async Task The_nightly_rescore_queues_each_tenant_once_per_day_even_when_replicas_race()
    {
        var first = await RegisterAsync("NIGHT-1");
        var second = await RegisterAsync("NIGHT-2");
        await RegisterAsync("NIGHT-NO-HISTORY"); // time changes nothing for it: never queued
        await IssueAsync(first, "N-1", Today.AddDays(30), 100m);
        await IssueAsync(second, "N-2", Today.AddDays(30), 100m);
        await RiskAsync(second, r => (decimal)r["behaviour"]!["openAmount"]! == 100m);
        await RiskAsync(first, r => (decimal)r["behaviour"]!["openAmount"]! == 100m);

        await Job.ScoreQueuedAsync(Today); // what the behaviour events queued
        Assert.Equal(0, await QueuedAsync());

        // Two replicas' runners tick at once on the night (the first the runner sees for this tenant).
        var night = new DateOnly(2030, 1, 15);
        var clock = new FakeTimeProvider(new DateTimeOffset(2030, 1, 15, 1, 0, 0, TimeSpan.Zero));
        var (a, b) = (Runner(clock), Runner(clock));
        var runs = (await Task.WhenAll(a.TickAsync(), b.TickAsync())).SelectMany(r => r).Where(r => r.Job == Nightly.Name).ToList();
        Assert.Equal((_tenant, night), (Assert.Single(runs).Tenant, runs[0].BusinessDate));
        Assert.Equal(2, await QueuedAsync());
        Assert.Empty(await a.TickAsync());
        await Job.ScoreQueuedAsync(night);
        Assert.Equal(0, await QueuedAsync());

        clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(night.AddDays(1), Assert.Single(await b.TickAsync()).BusinessDate);
        Assert.Equal(2, await QueuedAsync());
    }

    private RiskNightlyJob Nightly => _service!.Services.GetRequiredService<RiskNightlyJob>();

    private DailyJobRunner<Persistence.CustomersDbContext> Runner(TimeProvider clock) =>
        ActivatorUtilities.CreateInstance<DailyJobRunner<Persistence.CustomersDbContext>>(_service!.Services, clock);

    private async Task<long> QueuedAsync()
    {
        await using var connection = new NpgsqlConnection(_service!.Database.Admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM risk_queue WHERE tenant_id = @t", connection);
        command.Parameters.AddWithValue("t", _tenant);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task A_tenant_whose_stored_data_breaks_its_scoring_does_not_stop_the_next_tenant_from_being_rated()
    {
        // The first tenant (the lower id, taken first) has a due date of -infinity stored, as the API accepted before
        // dates were checked: its behaviour query fails ("cannot subtract infinite dates").
        var broken = await RegisterAsync("BROKEN-1");
        await IssueAsync(broken, "B-1", Today.AddDays(-10), 100m);
        await RiskAsync(broken, r => (decimal)r["behaviour"]!["openAmount"]! == 100m);
        var second = Guid.CreateVersion7();
        Assert.True(_tenant.CompareTo(second) < 0);
        var client = _service!.ClientFor(TestTokens.Issue(second, "customers.read", "customers.write"));
        var created = await client.PostAsJsonAsync("/api/v1/customers", new { code = "FINE-1", name = "Fine Customer" });
        created.EnsureSuccessStatusCode();
        var fine = Guid.Parse((string)(await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!);
        await Events.PublishAsync(_service.Services, new InvoiceIssued(second, Guid.CreateVersion7(), "F-1", fine, Today.AddDays(-40), Today.AddDays(-10), 100m, "INR", DateTimeOffset.UtcNow));
        await ServiceHost.EventuallyAsync(async () =>
            (decimal)(await client.GetFromJsonAsync<JsonObject>($"/api/v1/customers/{fine}/risk?asOf=2026-11-22"))!["behaviour"]!["openAmount"]! == 100m,
            "the second tenant's invoice");
        await using (var connection = new NpgsqlConnection(_service.Database.Admin))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("UPDATE receivable_movements SET due_date = '-infinity' WHERE tenant_id = @t", connection);
            command.Parameters.AddWithValue("t", _tenant);
            Assert.True(await command.ExecuteNonQueryAsync() > 0);
        }

        await Nightly.QueueAsync(_tenant, Today);
        await Nightly.QueueAsync(second, Today);
        var moved = await Job.ScoreQueuedAsync(Today);

        Assert.Equal(1, moved);
        Assert.NotNull((string?)(await client.GetFromJsonAsync<JsonObject>($"/api/v1/customers/{fine}"))!["credit"]!["riskRating"]);
        Assert.Null((string?)(await CreditAsync(broken))["riskRating"]);
    }

    [Fact]
    public async Task Another_tenant_sees_no_scorecard_and_bad_dates_are_refused()
    {
        var id = await RegisterAsync("RISK-ISO");
        var other = _service!.ClientFor(TestTokens.Issue(Guid.CreateVersion7(), "customers.read", "customers.write"));
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/customers/{id}/risk")).StatusCode);
        foreach (var asOf in new[] { "22-11-2026", "0001-01-01", "1999-12-31", "9999-12-31" })
        {
            var bad = await _client.GetAsync($"/api/v1/customers/{id}/risk?asOf={asOf}");
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.True((await bad.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().ContainsKey("asOf"), asOf);
        }

        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync($"/api/v1/customers/{id}/risk?asOf=2000-01-01")).StatusCode);
        Assert.Null((int?)(await other.GetFromJsonAsync<JsonObject>("/api/v1/customers/credit-settings"))!["overdueHoldDays"]);
    }

    [Fact]
    public async Task Credit_settings_are_replaced_whole_so_a_body_without_the_field_is_refused_and_null_means_no_overdue_hold()
    {
        (await _client.PutAsJsonAsync("/api/v1/customers/credit-settings", new { overdueHoldDays = 45 })).EnsureSuccessStatusCode();
        var empty = await _client.PutAsync("/api/v1/customers/credit-settings", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.True((await empty.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().ContainsKey("overdueHoldDays"));
        Assert.Equal(45, (int?)(await _client.GetFromJsonAsync<JsonObject>("/api/v1/customers/credit-settings"))!["overdueHoldDays"]);

        var none = await _client.PutAsync("/api/v1/customers/credit-settings", new StringContent("""{"overdueHoldDays":null}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, none.StatusCode);
        Assert.Null((int?)(await _client.GetFromJsonAsync<JsonObject>("/api/v1/customers/credit-settings"))!["overdueHoldDays"]);
    }

    [Fact]
    public async Task Credit_requests_are_decided_from_behaviour_and_billing_kept_and_overridden_once_by_a_person()
    {
        var id = await RegisterAsync("CREDIT-1");
        var today = ServiceDefaults.Http.BusinessDate.Today(TimeProvider.System);
        for (var month = 1; month <= 12; month++)
        {
            var invoice = await IssueAsync(id, $"C-{month}", today.AddDays(-30 * (month - 1)), 100_000m); // issued 30 days before due, within the year, paid on time
            await PayAsync(invoice, invoice.DueDate.AddDays(-1));
        }

        // Payments and settlements arrive on separate queues: wait for both, or a payment still in flight leaves an invoice overdue.
        await RiskAsync(id, r => (int)r["behaviour"]!["invoicesSettled"]! == 12 && (int)r["behaviour"]!["payments"]! == 12
            && (decimal)r["behaviour"]!["openAmount"]! == 0m, today.ToString("yyyy-MM-dd"));
        var bad = await _client.PostAsJsonAsync($"/api/v1/customers/{id}/credit-requests", new { requestedLimit = -1m });
        Assert.Equal(["reason", "requestedLimit"], (await bad.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().Select(e => e.Key).Order());

        // Twelve months of 100,000 paid on time: rating A supports 3 × the monthly billing.
        var first = await (await _client.PostAsJsonAsync($"/api/v1/customers/{id}/credit-requests", new { requestedLimit = 250_000m, reason = "Festive season orders" }))
            .Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(("approved", 250_000m), ((string?)first!["decision"], (decimal?)first["approvedLimit"]));
        Assert.Contains(first["reasons"]!.AsArray(), r => (string?)r!["factor"] == "riskRating" && ((string?)r["value"])!.StartsWith("A"));
        Assert.Equal(250_000m, (decimal?)(await CreditAsync(id))["limit"]);
        var second = await (await _client.PostAsJsonAsync($"/api/v1/customers/{id}/credit-requests", new { requestedLimit = 1_000_000m, reason = "New warehouse" }))
            .Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(("approved-lower", 300_000m), ((string?)second!["decision"], (decimal?)second["approvedLimit"]));

        // The credit manager knows better, once, with a note; the limit and its audit trail follow.
        var url = $"/api/v1/customers/{id}/credit-requests/{second["id"]}/override";
        var noNote = await _client.PostAsJsonAsync(url, new { decision = "approved", approvedLimit = 400_000m });
        Assert.True((await noNote.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().ContainsKey("note"));
        var overridden = await (await _client.PostAsJsonAsync(url, new { decision = "approved", approvedLimit = 400_000m, note = "Parent company guarantee received" }))
            .Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(("approved", 400_000m), ((string?)overridden!["override"]!["decision"], (decimal?)overridden["override"]!["approvedLimit"]));
        Assert.Equal(400_000m, (decimal?)(await CreditAsync(id))["limit"]);
        Assert.Equal(HttpStatusCode.Conflict, (await _client.PostAsJsonAsync(url, new { decision = "declined", note = "changed my mind" })).StatusCode);
        var kept = await _client.GetFromJsonAsync<JsonArray>($"/api/v1/customers/{id}/credit-requests");
        Assert.Equal(["approved-lower", "approved"], kept!.Select(r => (string)r!["decision"]!));
        var history = await _client.GetFromJsonAsync<JsonArray>($"/api/v1/customers/{id}/credit-limit/history");
        Assert.Equal([250_000m, 300_000m, 400_000m], history!.Select(h => (decimal)h!["newLimit"]!));

        // A customer without history is referred to a person; another tenant sees nothing.
        var newcomer = await RegisterAsync("CREDIT-NEW");
        var referred = await (await _client.PostAsJsonAsync($"/api/v1/customers/{newcomer}/credit-requests", new { requestedLimit = 50_000m, reason = "First order" }))
            .Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("referred", (string?)referred!["decision"]);
        Assert.Null((decimal?)(await CreditAsync(newcomer))["limit"]);
        var other = _service!.ClientFor(TestTokens.Issue(Guid.CreateVersion7(), "customers.read", "customers.write"));
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsJsonAsync($"/api/v1/customers/{id}/credit-requests", new { requestedLimit = 1m, reason = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/customers/{id}/credit-requests")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsJsonAsync(url, new { decision = "declined", note = "x" })).StatusCode);
    }
}
