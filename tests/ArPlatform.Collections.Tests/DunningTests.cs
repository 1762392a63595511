using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ArPlatform.Collections.Persistence;
using ArPlatform.Contracts;
using ArPlatform.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ArPlatform.Collections.Tests;

/// <summary>
/// The dunning rules against real PostgreSQL and RabbitMQ, with the default strategy (courtesy -3, reminder +1, call
/// +7, letter L2 +15, letter L3 +30, SPOC +45, final notice +60, agency +90), the clock walking forward day by day.
/// </summary>
public sealed class DunningTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>, IAsyncLifetime
{
    private CollectionsService _c = null!;

    public async Task InitializeAsync() => _c = await CollectionsService.StartAsync(infrastructure);

    public async Task DisposeAsync() => await _c.DisposeAsync();

    private static string[] Taken(JsonArray actions) =>
        [.. actions.Where(a => (string?)a!["kind"] == "taken").Select(a => $"{(string?)a!["step"]}@{(string?)a!["businessDate"]}").Reverse()];

    private static string[] Skipped(JsonArray actions) =>
        [.. actions.Where(a => (string?)a!["kind"] == "skipped").Select(a => $"{(string?)a!["step"]}:{(string?)a!["skipReason"]}").Reverse()];

    private static string D(DateOnly date) => date.ToString("yyyy-MM-dd");

    [Fact]
    public async Task The_courtesy_reminder_goes_three_days_before_due_addressed_to_the_accounts_payable_contact()
    {
        var customer = await _c.CustomerAsync("COURT", contacts: [("L1", "Ravi Kumar", "ravi@court.in")]);
        var due = _c.Today.AddDays(5);
        await _c.InvoiceAsync(customer, "CT-1", due, 118000.50m);

        var early = await _c.RunAsync(due.AddDays(-4));
        var run = await _c.RunAsync(due.AddDays(-3));

        Assert.Equal(0, early.ActionsByKind.Values.Sum());
        Assert.Equal(1, run.ActionsByKind["email"]);
        var actions = await _c.ActionsAsync(customer);
        Assert.Equal([$"courtesy@{D(due.AddDays(-3))}"], Taken(actions));
        Assert.Empty(Skipped(actions));
        var messages = (await _c.Client.GetFromJsonAsync<JsonObject>($"/api/v1/collections/messages?customerId={customer}"))!["items"]!.AsArray();
        var message = Assert.Single(messages)!;
        Assert.Equal(("email", "ravi@court.in", "courtesy-reminder"), ((string?)message["channel"], (string?)message["toAddress"], (string?)message["templateCode"]));
        var full = (await _c.Client.GetFromJsonAsync<JsonObject>($"/api/v1/collections/messages/{message["id"]}"))!;
        Assert.Contains("₹1,18,000.50", (string?)full["text"]);
        Assert.Contains("CT-1", (string?)full["text"]);
    }

    [Fact]
    public async Task A_partial_payment_mid_strategy_repeats_no_step_and_loses_none()
    {
        var customer = await _c.CustomerAsync("PART", contacts: [("L1", "Asha", "asha@part.in"), ("L2", "Mehul", "mehul@part.in")]);
        var due = _c.Today.AddDays(3);
        var invoice = await _c.InvoiceAsync(customer, "PT-1", due, 50000m);

        await _c.RunAsync(due);
        await _c.RunAsync(due.AddDays(1));
        _c.MoveTo(due.AddDays(3));
        await _c.PublishAsync(new PaymentAllocated(_c.Tenant, Guid.CreateVersion7(), customer, invoice, "PT-1", due, due.AddDays(3), 20000m, 0, 0));
        await _c.RunAsync(due.AddDays(3));
        await _c.RunAsync(due.AddDays(7));
        await _c.RunAsync(due.AddDays(7));
        await _c.RunAsync(due.AddDays(15));

        var actions = await _c.ActionsAsync(customer);
        Assert.Equal([$"courtesy@{D(due)}", $"reminder@{D(due.AddDays(1))}", $"call@{D(due.AddDays(7))}", $"letter-l2@{D(due.AddDays(15))}"], Taken(actions));
        Assert.Empty(Skipped(actions));
        var letter = actions.First(a => (string?)a!["step"] == "letter-l2")!;
        Assert.Equal(30000m, (decimal)letter["amount"]!);
        var account = await _c.AccountAsync(customer);
        Assert.Equal(30000m, (decimal)account["totals"]!["open"]!);
        Assert.Equal("letter-l2", (string?)account["stepReached"]);
    }

    [Fact]
    public async Task A_reversed_payment_reopens_the_item_at_the_position_it_had()
    {
        var customer = await _c.CustomerAsync("REV", contacts: [("L1", "Asha", "asha@rev.in")]);
        var due = _c.Today.AddDays(-1);
        var invoice = await _c.InvoiceAsync(customer, "RV-1", due, 10000m);
        await _c.RunAsync(due.AddDays(1));
        var payment = Guid.CreateVersion7();
        _c.MoveTo(due.AddDays(2));
        await _c.PublishAsync(new PaymentAllocated(_c.Tenant, payment, customer, invoice, "RV-1", due, due.AddDays(2), 10000m, 0, 0));
        await _c.RunAsync(due.AddDays(7));
        Assert.Equal(0m, (decimal)(await _c.AccountAsync(customer))["totals"]!["open"]!);

        _c.MoveTo(due.AddDays(8));
        await _c.PublishAsync(new PaymentReversed(_c.Tenant, payment, customer, due.AddDays(8), "cheque bounced", [new ReversedSettlement(invoice, due, 10000m)]));
        await _c.RunAsync(due.AddDays(8));
        await _c.RunAsync(due.AddDays(9));

        // Not the reminder again: the call (+7), due since the day before, once; the missed day recorded.
        var actions = await _c.ActionsAsync(customer);
        Assert.Equal([$"reminder@{D(due.AddDays(1))}", $"call@{D(due.AddDays(8))}"], Taken(actions));
        Assert.Equal(10000m, (decimal)(await _c.AccountAsync(customer))["totals"]!["open"]!);
    }

    [Fact]
    public async Task A_dispute_holds_the_item_and_when_found_invalid_dunning_resumes_with_the_steps_passed_over_recorded()
    {
        var customer = await _c.CustomerAsync("DSP", contacts: [("L1", "Asha", "asha@dsp.in"), ("L2", "Mehul", "mehul@dsp.in")]);
        var due = _c.Today.AddDays(-1);
        await _c.InvoiceAsync(customer, "DS-1", due, 40000m);
        await _c.RunAsync(due.AddDays(1));
        _c.MoveTo(due.AddDays(2));
        var raised = await _c.Client.PostAsJsonAsync($"/api/v1/collections/accounts/{customer}/disputes", new { invoiceNumber = "DS-1", reason = "quality", notes = "damaged" });
        Assert.Equal(HttpStatusCode.Created, raised.StatusCode);
        var dispute = (await raised.Content.ReadFromJsonAsync<JsonObject>())!;

        // Held: the runs while it is open do nothing for it.
        await _c.RunAsync(due.AddDays(7));
        await _c.RunAsync(due.AddDays(15));
        Assert.Equal([$"reminder@{D(due.AddDays(1))}"], Taken(await _c.ActionsAsync(customer)));

        _c.MoveTo(due.AddDays(20));
        var resolved = await _c.Client.PostAsJsonAsync($"/api/v1/collections/disputes/{dispute["id"]}/resolve", new { outcome = "invalid", notes = "goods were fine" });
        Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
        await _c.RunAsync(due.AddDays(20));

        var actions = await _c.ActionsAsync(customer);
        Assert.Equal([$"reminder@{D(due.AddDays(1))}", $"letter-l2@{D(due.AddDays(20))}"], Taken(actions));
        Assert.Equal(["courtesy:before the invoice was recorded", "call:disputed"], Skipped(actions));
    }

    [Fact]
    public async Task A_partly_disputed_item_is_dunned_for_the_undisputed_rest()
    {
        var customer = await _c.CustomerAsync("PDS", contacts: [("L1", "Asha", "asha@pds.in")]);
        var due = _c.Today.AddDays(-1);
        await _c.InvoiceAsync(customer, "PD-1", due, 10000m);
        (await _c.Client.PostAsJsonAsync($"/api/v1/collections/accounts/{customer}/disputes", new { invoiceNumber = "PD-1", amount = 2500m, reason = "pricing" }))
            .EnsureSuccessStatusCode();

        await _c.RunAsync(_c.Today);

        var reminder = Assert.Single(await _c.ActionsAsync(customer), a => (string?)a!["kind"] == "taken")!;
        Assert.Equal(7500m, (decimal)reminder["amount"]!);
        var account = await _c.AccountAsync(customer);
        Assert.Equal((10000m, 2500m), ((decimal)account["totals"]!["open"]!, (decimal)account["totals"]!["disputed"]!));
    }

    [Fact]
    public async Task An_invoice_recorded_late_skips_the_steps_before_it_with_that_reason_and_a_new_invoice_starts_at_the_beginning()
    {
        var customer = await _c.CustomerAsync("NEW", contacts: [("L1", "Asha", "asha@new.in"), ("L2", "Mehul", "mehul@new.in")]);
        var oldDue = _c.Today.AddDays(-16);
        await _c.InvoiceAsync(customer, "NW-OLD", oldDue, 10000m);
        await _c.RunAsync(_c.Today);
        await _c.InvoiceAsync(customer, "NW-NEW", _c.Today.AddDays(4), 5000m);

        await _c.RunAsync(_c.Today.AddDays(1));

        var actions = await _c.ActionsAsync(customer);
        Assert.Equal([$"letter-l2@{D(_c.Today.AddDays(-1))}", $"courtesy@{D(_c.Today)}"], Taken(actions));
        Assert.Equal(["courtesy:before the invoice was recorded", "reminder:before the invoice was recorded", "call:before the invoice was recorded"], Skipped(actions));
        var courtesy = actions.Single(a => (string?)a!["step"] == "courtesy" && (string?)a!["kind"] == "taken")!;
        Assert.Equal(["NW-NEW"], courtesy["items"]!.AsArray().Select(i => (string?)i!["invoiceNumber"]));
        // A skipped step lists the invoices it passed over with their figures, as the step taken that day has them.
        var call = actions.Single(a => (string?)a!["step"] == "call" && (string?)a!["kind"] == "skipped")!;
        var skippedItem = call["items"]!.AsArray().Single()!;
        Assert.Equal("NW-OLD", (string?)skippedItem["invoiceNumber"]);
        Assert.Equal(10000m, (decimal)skippedItem["dunnedAmount"]!);
        Assert.Equal(16, (int)skippedItem["daysOverdue"]!);
        Assert.Equal(10000m, (decimal)call["amount"]!);
    }

    [Fact]
    public async Task Two_runs_at_once_and_a_repeated_run_take_each_action_once()
    {
        var customers = new List<Guid>();
        for (var i = 0; i < 12; i++)
        {
            var customer = await _c.CustomerAsync($"RACE{i}", contacts: [("L1", "Asha", $"asha{i}@race.in")]);
            await _c.InvoiceAsync(customer, $"RC-{i}", _c.Today.AddDays(-1 - i), 1000m + i);
            customers.Add(customer);
        }

        var runs = await Task.WhenAll(_c.RunAsync(_c.Today), _c.RunAsync(_c.Today), _c.RunAsync(_c.Today));
        var again = await _c.RunAsync(_c.Today);

        foreach (var customer in customers)
        {
            Assert.Single(Taken(await _c.ActionsAsync(customer)));
        }

        Assert.Equal(12, runs.Sum(r => r.ActionsByKind.Values.Sum()));
        Assert.Equal(0, again.ActionsByKind.Values.Sum());
        var messages = (await _c.Client.GetFromJsonAsync<JsonObject>("/api/v1/collections/messages?pageSize=100"))!;
        Assert.Equal(6, (int)messages["total"]!); // six reminders by email; the six a week late get a call task
        using var scope = _c.Service.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<ArPlatform.BuildingBlocks.Tenancy.TenantContext>().Set(_c.Tenant);
        var db = scope.ServiceProvider.GetRequiredService<CollectionsDbContext>();
        Assert.Equal(12, await db.OutboxMessages.CountAsync(m => m.Type.Contains(nameof(DunningActionTaken))));
    }

    [Fact]
    public async Task An_account_under_the_strategys_minimum_overdue_amount_takes_no_step()
    {
        var strategy = await _c.Client.PutAsJsonAsync("/api/v1/collections/strategies/default", new
        {
            name = "Default with a floor",
            appliesTo = new { minOverdueAmount = 5000m },
            steps = new[] { new { code = "reminder", name = "Reminder", dayOffset = 1, action = "email", contactLevel = "L1" } },
        });
        Assert.Equal(HttpStatusCode.OK, strategy.StatusCode);
        var small = await _c.CustomerAsync("SMALL", contacts: [("L1", "Asha", "asha@small.in")]);
        var large = await _c.CustomerAsync("LARGE", contacts: [("L1", "Asha", "asha@large.in")]);
        await _c.InvoiceAsync(small, "SM-1", _c.Today.AddDays(-1), 4999.99m);
        await _c.InvoiceAsync(large, "LG-1", _c.Today.AddDays(-1), 5000m);

        await _c.RunAsync(_c.Today);

        Assert.Empty(await _c.ActionsAsync(small));
        Assert.Single(await _c.ActionsAsync(large));
    }

    [Fact]
    public async Task Without_any_contact_a_task_asks_for_one_and_a_missing_level_falls_back_to_the_one_below()
    {
        var nobody = await _c.CustomerAsync("NOBODY");
        var juniorOnly = await _c.CustomerAsync("JUNIOR", contacts: [("L1", "Asha", "asha@junior.in")]);
        await _c.InvoiceAsync(nobody, "NB-1", _c.Today.AddDays(-1), 1000m);
        await _c.InvoiceAsync(juniorOnly, "JR-1", _c.Today.AddDays(-15), 1000m);

        await _c.RunAsync(_c.Today);

        var tasks = (await _c.Client.GetFromJsonAsync<JsonObject>($"/api/v1/collections/tasks?customerId={nobody}"))!["items"]!.AsArray();
        Assert.Equal("find-contact", (string?)Assert.Single(tasks)!["kind"]);
        var letter = (await _c.Client.GetFromJsonAsync<JsonObject>($"/api/v1/collections/messages?customerId={juniorOnly}"))!["items"]!.AsArray().Single()!;
        Assert.Equal(("letter", "L1"), ((string?)letter["channel"], (string?)letter["contactLevel"]));
        Assert.Contains("no L2 contact", (string?)letter["addressingNote"]);

        await _c.PublishAsync(new CustomerContactAdded(_c.Tenant, nobody, Guid.CreateVersion7(), "Found", null, "L1", null, "found@nobody.in", "email"));
        Assert.Empty((await _c.Client.GetFromJsonAsync<JsonObject>($"/api/v1/collections/tasks?customerId={nobody}"))!["items"]!.AsArray());
    }

    [Fact]
    public async Task The_api_reference_shows_an_example_of_what_one_call_logs()
    {
        var document = (await _c.Client.GetFromJsonAsync<JsonObject>("/openapi/v1.json"))!;
        var example = document["paths"]!["/api/v1/collections/accounts/{customerId}/activities"]!["post"]!["requestBody"]!["content"]!["application/json"]!["example"]!;
        Assert.Equal("promised", (string?)example["disposition"]);
        Assert.NotNull(example["promise"]);
    }

    [Fact]
    public async Task The_preview_says_what_a_run_would_do_and_does_nothing()
    {
        var customer = await _c.CustomerAsync("PREV", contacts: [("L1", "Asha", "asha@prev.in")]);
        await _c.InvoiceAsync(customer, "PV-1", _c.Today.AddDays(5), 1000m);
        _c.MoveTo(_c.Today.AddDays(13));

        var preview = (await _c.Client.GetFromJsonAsync<JsonObject>($"/api/v1/collections/dunning/preview?asOf={D(_c.Today)}"))!;

        var decision = preview["decisions"]!.AsArray().Single(d => (Guid)d!["customerId"]! == customer)!;
        Assert.Equal("call", (string?)decision["decision"]!["step"]!["code"]);
        Assert.Equal(["courtesy", "reminder"], decision["decision"]!["skipped"]!.AsArray().Select(s => (string?)s!["step"]!["code"]));
        Assert.Equal(["missed run", "missed run"], decision["decision"]!["skipped"]!.AsArray().Select(s => (string?)s!["reason"]));
        Assert.Empty(await _c.ActionsAsync(customer));
    }

    [Fact]
    public async Task A_run_through_the_api_is_followed_to_its_end_and_a_future_date_is_refused()
    {
        var customer = await _c.CustomerAsync("API", contacts: [("L1", "Asha", "asha@api.in")]);
        await _c.InvoiceAsync(customer, "AP-1", _c.Today.AddDays(-1), 1000m);

        var future = await _c.Client.PostAsJsonAsync("/api/v1/collections/dunning/runs", new { asOf = _c.Today.AddDays(1) });
        var started = await _c.Client.PostAsJsonAsync("/api/v1/collections/dunning/runs", new { });

        Assert.Equal(HttpStatusCode.BadRequest, future.StatusCode);
        Assert.Contains("asOf", await future.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        await _c.EventuallyAsync(started.Headers.Location!.ToString(), r => (string?)r["status"] == "completed");
        var run = (await _c.Client.GetFromJsonAsync<JsonObject>(started.Headers.Location!.ToString()))!;
        Assert.Equal((1, 1), ((int)run["accountsSeen"]!, (int)run["actionsByKind"]!["email"]!));
    }
}
