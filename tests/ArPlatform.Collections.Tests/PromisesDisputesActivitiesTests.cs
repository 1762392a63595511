using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ArPlatform.BuildingBlocks.Tenancy;
using ArPlatform.Collections.Dunning;
using ArPlatform.Collections.Persistence;
using ArPlatform.Contracts;
using ArPlatform.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ArPlatform.Collections.Tests;

/// <summary>Promises kept and broken, disputes routed and resolved, and what one logged call produces, against real PostgreSQL and RabbitMQ.</summary>
public sealed class PromisesDisputesActivitiesTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>, IAsyncLifetime
{
    private CollectionsService _c = null!;

    public async Task InitializeAsync() => _c = await CollectionsService.StartAsync(infrastructure);

    public async Task DisposeAsync() => await _c.DisposeAsync();

    private async Task DayAsync(DateOnly date)
    {
        _c.MoveTo(date);
        await _c.Service.Services.GetRequiredService<CollectionsDailyJob>().RunAsync(_c.Tenant, date, default);
    }

    private async Task<List<string>> OutboxTypesAsync()
    {
        using var scope = _c.Service.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(_c.Tenant);
        var db = scope.ServiceProvider.GetRequiredService<CollectionsDbContext>();
        return [.. (await db.OutboxMessages.Select(m => m.Type).ToListAsync()).Select(t => t.Split(',')[0].Split('.')[^1])];
    }

    private async Task<JsonObject> PromiseAsync(Guid customer, object body)
    {
        var response = await _c.Client.PostAsJsonAsync($"/api/v1/collections/accounts/{customer}/promises", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private async Task<string> PromiseStatusAsync(Guid customer, JsonObject promise) =>
        (string)(await _c.Client.GetFromJsonAsync<JsonArray>($"/api/v1/collections/accounts/{customer}/promises"))!
            .Single(p => (string?)p!["id"] == (string?)promise["id"])!["status"]!;

    [Fact]
    public async Task A_promise_kept_at_the_last_minute_is_kept_and_one_unpaid_at_the_end_of_its_day_breaks_and_dunning_resumes_with_one_action()
    {
        var kept = await _c.CustomerAsync("KEPT", contacts: [("L1", "Asha", "asha@kept.in")]);
        var broken = await _c.CustomerAsync("BROKE", contacts: [("L1", "Ravi", "ravi@broke.in"), ("L2", "Meera", "meera@broke.in")]);
        var keptInvoice = await _c.InvoiceAsync(kept, "KP-1", _c.Today.AddDays(-2), 10000m);
        await _c.InvoiceAsync(broken, "BR-1", _c.Today.AddDays(-2), 8000m);
        var start = _c.Today;
        var keptPromise = await PromiseAsync(kept, new { amount = 10000m, promisedDate = start.AddDays(3) });
        var brokenPromise = await PromiseAsync(broken, new { amount = 8000m, promisedDate = start.AddDays(3) });

        // Held while open: the daily runs take no step for either.
        await DayAsync(start.AddDays(1));
        await DayAsync(start.AddDays(3));
        _c.Clock.SetUtcNow(new DateTimeOffset(start.AddDays(3).ToDateTime(new TimeOnly(23, 59)), TimeSpan.FromHours(5.5)).ToUniversalTime());
        await _c.PublishAsync(new PaymentAllocated(_c.Tenant, Guid.CreateVersion7(), kept, keptInvoice, "KP-1", start.AddDays(-2), start.AddDays(3), 9000m, 1000m, 0));
        Assert.Equal("kept", await PromiseStatusAsync(kept, keptPromise));

        await DayAsync(start.AddDays(4));

        Assert.Equal("broken", await PromiseStatusAsync(broken, brokenPromise));
        Assert.Equal(1, (int)(await _c.AccountAsync(broken))["brokenPromises"]!);
        var actions = await _c.ActionsAsync(broken);
        var taken = Assert.Single(actions, a => (string?)a!["kind"] == "taken")!;
        Assert.Equal("reminder", (string?)taken["step"]);
        Assert.Contains(actions, a => (string?)a!["kind"] == "skipped" && (string?)a!["skipReason"] == "before the invoice was recorded");
        Assert.Empty(await _c.ActionsAsync(kept));
        var events = await OutboxTypesAsync();
        Assert.Equal(2, events.Count(t => t == nameof(PromiseToPayMade)));
        Assert.Equal(1, events.Count(t => t == nameof(PromiseToPayKept)));
        Assert.Equal(1, events.Count(t => t == nameof(PromiseToPayBroken)));
    }

    [Fact]
    public async Task A_credit_note_does_not_keep_a_promise_and_a_reversed_payment_unkeeps_it()
    {
        var customer = await _c.CustomerAsync("UNKEEP");
        var invoice = await _c.InvoiceAsync(customer, "UK-1", _c.Today.AddDays(5), 20000m);
        var promise = await PromiseAsync(customer, new { amount = 5000m, promisedDate = _c.Today.AddDays(2), invoiceNumbers = new[] { "UK-1" } });

        await _c.PublishAsync(new CreditNoteIssued(_c.Tenant, Guid.CreateVersion7(), "CN-1", customer, _c.Today, 6000m, invoice, "UK-1", _c.Today.AddDays(5)));
        Assert.Equal("open", await PromiseStatusAsync(customer, promise));
        var payment = Guid.CreateVersion7();
        await _c.PublishAsync(new PaymentAllocated(_c.Tenant, payment, customer, invoice, "UK-1", _c.Today.AddDays(5), _c.Today, 5000m, 0, 0));
        Assert.Equal("kept", await PromiseStatusAsync(customer, promise));
        await _c.PublishAsync(new PaymentReversed(_c.Tenant, payment, customer, _c.Today, "cheque bounced", [new ReversedSettlement(invoice, _c.Today.AddDays(5), 5000m)]));

        Assert.Equal("open", await PromiseStatusAsync(customer, promise));
        Assert.Equal(14000m, (decimal)(await _c.AccountAsync(customer))["totals"]!["open"]!);
    }

    [Fact]
    public async Task A_promise_that_is_not_possible_is_refused_naming_the_field()
    {
        var customer = await _c.CustomerAsync("BADPROM");
        await _c.InvoiceAsync(customer, "BP-1", _c.Today.AddDays(5), 1000m);

        var past = await _c.Client.PostAsJsonAsync($"/api/v1/collections/accounts/{customer}/promises", new { amount = 100m, promisedDate = _c.Today.AddDays(-1) });
        var tooMuch = await _c.Client.PostAsJsonAsync($"/api/v1/collections/accounts/{customer}/promises", new { amount = 1000.01m, promisedDate = _c.Today });
        var unknown = await _c.Client.PostAsJsonAsync($"/api/v1/collections/accounts/{customer}/promises", new { amount = 10m, promisedDate = _c.Today, invoiceNumbers = new[] { "NOPE" } });
        var instalments = await _c.Client.PostAsJsonAsync($"/api/v1/collections/accounts/{customer}/promises",
            new { amount = 500m, instalments = new[] { new { amount = 200m, date = _c.Today.AddDays(1) }, new { amount = 200m, date = _c.Today.AddDays(8) } } });

        foreach (var (response, field) in new[] { (past, "promisedDate"), (tooMuch, "amount"), (unknown, "invoiceNumbers"), (instalments, "amount") })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.NotNull((await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]![field]);
        }

        Assert.Empty((await _c.Client.GetFromJsonAsync<JsonArray>($"/api/v1/collections/accounts/{customer}/promises"))!);
    }

    [Fact]
    public async Task Instalments_break_when_one_is_missed()
    {
        var customer = await _c.CustomerAsync("INST");
        var invoice = await _c.InvoiceAsync(customer, "IN-1", _c.Today.AddDays(-10), 30000m);
        var start = _c.Today;
        var promise = await PromiseAsync(customer, new { instalments = new[] { new { amount = 10000m, date = start.AddDays(2) }, new { amount = 20000m, date = start.AddDays(9) } } });
        Assert.Equal((30000m, start.AddDays(9).ToString("yyyy-MM-dd")), ((decimal)promise["amount"]!, (string?)promise["promisedDate"]));

        await _c.PublishAsync(new PaymentAllocated(_c.Tenant, Guid.CreateVersion7(), customer, invoice, "IN-1", start.AddDays(-10), start.AddDays(1), 6000m, 0, 0));
        await DayAsync(start.AddDays(3));

        Assert.Equal("partially kept", await PromiseStatusAsync(customer, promise));
    }

    [Fact]
    public async Task One_logged_call_records_its_promise_dispute_and_next_action_together_or_nothing_at_all()
    {
        var customer = await _c.CustomerAsync("CALL", contacts: [("L1", "Asha", "asha@call.in")]);
        await _c.InvoiceAsync(customer, "CL-1", _c.Today.AddDays(-8), 10000m);
        await _c.InvoiceAsync(customer, "CL-2", _c.Today.AddDays(-8), 4000m);
        await _c.RunAsync(_c.Today);
        var callTask = (await _c.Client.GetFromJsonAsync<JsonObject>($"/api/v1/collections/tasks?customerId={customer}"))!["items"]!.AsArray().Single()!;
        Assert.Equal("call", (string?)callTask["kind"]);

        var refused = await _c.Client.PostAsJsonAsync($"/api/v1/collections/accounts/{customer}/activities", new
        {
            type = "call",
            disposition = "promised",
            notes = "will pay CL-1 Friday",
            promise = new { amount = 10000m, promisedDate = _c.Today.AddDays(3), invoiceNumbers = new[] { "CL-1" } },
            dispute = new { invoiceNumber = "CL-2", amount = 99999m, reason = "pricing" },
        });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.NotNull((await refused.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["dispute.amount"]);
        Assert.Empty((await _c.Client.GetFromJsonAsync<JsonObject>($"/api/v1/collections/accounts/{customer}/activities"))!["items"]!.AsArray());
        Assert.Empty((await _c.Client.GetFromJsonAsync<JsonArray>($"/api/v1/collections/accounts/{customer}/promises"))!);

        var logged = await _c.Client.PostAsJsonAsync($"/api/v1/collections/accounts/{customer}/activities", new
        {
            type = "call",
            disposition = "promised",
            notes = "will pay CL-1 Friday; CL-2 price wrong",
            promise = new { amount = 10000m, promisedDate = _c.Today.AddDays(3), invoiceNumbers = new[] { "CL-1" } },
            dispute = new { invoiceNumber = "CL-2", amount = 1000m, reason = "pricing" },
            nextAction = new { date = _c.Today.AddDays(4), type = "call" },
        });

        Assert.Equal(HttpStatusCode.Created, logged.StatusCode);
        var activity = (await logged.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.NotNull(activity["promiseId"]);
        Assert.NotNull(activity["disputeId"]);
        Assert.Equal([(string?)callTask["id"]], activity["closedTaskIds"]!.AsArray().Select(t => (string?)t));
        var account = await _c.AccountAsync(customer);
        Assert.Equal(1000m, (decimal)account["totals"]!["disputed"]!);
        Assert.True((bool)account["openItems"]!.AsArray().Single(i => (string?)i!["invoiceNumber"] == "CL-1")!["coveredByPromise"]!);
        Assert.Equal("route-dispute", (string?)account["nextAction"]!["kind"]); // due today, before the call back in four days
        Assert.Equal("call", (string?)account["lastActivity"]!["type"]);
        // The route-the-dispute task (no department or SPOC is set up) and the next action are open; the call task is done.
        var open = (await _c.Client.GetFromJsonAsync<JsonObject>($"/api/v1/collections/tasks?customerId={customer}"))!["items"]!.AsArray();
        Assert.Equal(["route-dispute", "next-action"], open.Select(t => (string?)t!["kind"]));
    }

    [Fact]
    public async Task A_call_that_said_disputed_without_a_dispute_becomes_a_task_the_next_day()
    {
        var customer = await _c.CustomerAsync("COMPLAIN", collector: "kiran@firm.in");
        await _c.InvoiceAsync(customer, "CP-1", _c.Today.AddDays(-3), 1000m);
        (await _c.Client.PostAsJsonAsync($"/api/v1/collections/accounts/{customer}/activities", new { type = "call", disposition = "disputed", notes = "says goods short" }))
            .EnsureSuccessStatusCode();

        await DayAsync(_c.Today);
        Assert.DoesNotContain((await _c.Client.GetFromJsonAsync<JsonObject>($"/api/v1/collections/tasks?customerId={customer}&status=open"))!["items"]!.AsArray(),
            t => (string?)t!["kind"] == "raise-dispute");
        await DayAsync(_c.Today.AddDays(1));
        await DayAsync(_c.Today.AddDays(1));

        var task = Assert.Single((await _c.Client.GetFromJsonAsync<JsonObject>("/api/v1/collections/tasks?assignee=kiran@firm.in"))!["items"]!.AsArray(),
            t => (string?)t!["kind"] == "raise-dispute")!;
        Assert.Contains("raise the dispute", (string?)task["title"]);
    }

    [Fact]
    public async Task Disputes_go_to_the_department_for_their_reason_or_the_spoc_with_an_sla_whose_breach_is_flagged_and_a_valid_one_asks_for_a_credit_note_once()
    {
        var settings = await _c.Client.PutAsJsonAsync("/api/v1/collections/settings", new
        {
            spoc = new { name = "Sunita Rao", email = "sunita@client.in", phone = "+91 98200 12345" },
            promiseGraceDays = 2,
            departments = new[] { new { name = "Sales pricing", reasons = new[] { "pricing", "duplicate-billing" }, contactName = "Anil", email = "pricing@client.in", responseHours = 24 } },
        });
        Assert.Equal(HttpStatusCode.OK, settings.StatusCode);
        var customer = await _c.CustomerAsync("ROUTE");
        await _c.InvoiceAsync(customer, "RT-1", _c.Today.AddDays(-5), 5000m);
        await _c.InvoiceAsync(customer, "RT-2", _c.Today.AddDays(-5), 3000m);

        var pricing = (await (await _c.Client.PostAsJsonAsync($"/api/v1/collections/accounts/{customer}/disputes", new { invoiceNumber = "RT-1", amount = 1200m, reason = "pricing" }))
            .Content.ReadFromJsonAsync<JsonObject>())!;
        var quality = (await (await _c.Client.PostAsJsonAsync($"/api/v1/collections/accounts/{customer}/disputes", new { invoiceNumber = "RT-2", reason = "quality" }))
            .Content.ReadFromJsonAsync<JsonObject>())!;

        Assert.Equal(("Sales pricing", "pricing@client.in"), ((string?)pricing["routedTo"], (string?)pricing["routedToEmail"]));
        Assert.Equal(("SPOC Sunita Rao", "sunita@client.in", 3000m), ((string?)quality["routedTo"], (string?)quality["routedToEmail"], (decimal)quality["amount"]!));
        var messages = (await _c.Client.GetFromJsonAsync<JsonObject>($"/api/v1/collections/messages?customerId={customer}"))!["items"]!.AsArray();
        Assert.Equal(["pricing@client.in", "sunita@client.in"], messages.Select(m => (string?)m!["toAddress"]).Order());

        // The department's 24 hours have passed by the second day's run at noon; the SPOC's 48 only end then.
        var start = _c.Today;
        await DayAsync(start.AddDays(1));
        await DayAsync(start.AddDays(2));
        var past = (await _c.Client.GetFromJsonAsync<JsonObject>("/api/v1/collections/disputes?pastSla=true"))!;
        Assert.Equal([(string?)pricing["id"]], past["items"]!.AsArray().Select(d => (string?)d!["id"]));
        Assert.Equal(1, (int)past["pastSlaCount"]!);

        var valid = await _c.Client.PostAsJsonAsync($"/api/v1/collections/disputes/{pricing["id"]}/resolve", new { outcome = "valid", notes = "price list error" });
        var again = await _c.Client.PostAsJsonAsync($"/api/v1/collections/disputes/{pricing["id"]}/resolve", new { outcome = "valid" });
        var tooMuch = await _c.Client.PostAsJsonAsync($"/api/v1/collections/disputes/{quality["id"]}/resolve", new { outcome = "partial", creditAmount = 3000.01m });

        Assert.Equal(HttpStatusCode.OK, valid.StatusCode);
        Assert.Equal(1200m, (decimal)(await valid.Content.ReadFromJsonAsync<JsonObject>())!["creditAmount"]!);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tooMuch.StatusCode);
        Assert.Equal(1, (await OutboxTypesAsync()).Count(t => t == nameof(DisputeResolved)));
        Assert.Equal(3000m, (decimal)(await _c.AccountAsync(customer))["totals"]!["disputed"]!);
    }
}
