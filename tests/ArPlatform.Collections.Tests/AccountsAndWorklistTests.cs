using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ArPlatform.Collections.Dunning;
using ArPlatform.Contracts;
using ArPlatform.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ArPlatform.Collections.Tests;

/// <summary>Accounts kept from events, their isolation between tenants, the catch-up of missed days, and the ranked worklist.</summary>
public sealed class AccountsAndWorklistTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>, IAsyncLifetime
{
    private CollectionsService _c = null!;

    public async Task InitializeAsync() => _c = await CollectionsService.StartAsync(infrastructure);

    public async Task DisposeAsync() => await _c.DisposeAsync();

    [Fact]
    public async Task Open_amounts_equal_the_sum_of_random_invoice_events_to_the_paisa_whatever_their_order_and_repeats()
    {
        var random = new Random(20261203);
        var customer = await _c.CustomerAsync("RAND");
        var invoices = Enumerable.Range(0, 6).Select(i => (Id: Guid.CreateVersion7(), Number: $"RD-{i}", Due: _c.Today.AddDays(random.Next(-60, 30)))).ToList();
        var expected = invoices.ToDictionary(i => i.Id, _ => 0m);
        var events = new List<Func<Task>>();
        var payments = new List<(Guid Payment, Guid Invoice, DateOnly Due, decimal Amount)>();
        foreach (var invoice in invoices)
        {
            var amount = random.Next(1_000_00, 5_00_000_00) / 100m;
            expected[invoice.Id] += amount;
            events.Add(() => _c.PublishAsync(new InvoiceIssued(_c.Tenant, invoice.Id, invoice.Number, customer, invoice.Due.AddDays(-30), invoice.Due, amount, "INR", DateTimeOffset.UtcNow)));
        }

        for (var n = 0; n < 30; n++)
        {
            var invoice = invoices[random.Next(invoices.Count)];
            var amount = random.Next(1, 50_000_00) / 100m;
            switch (random.Next(4))
            {
                case 0:
                    var payment = Guid.CreateVersion7();
                    payments.Add((payment, invoice.Id, invoice.Due, amount));
                    expected[invoice.Id] -= amount;
                    events.Add(() => _c.PublishAsync(new PaymentAllocated(_c.Tenant, payment, customer, invoice.Id, invoice.Number, invoice.Due, _c.Today, amount * 0.9m, amount * 0.1m, 0)));
                    break;
                case 1:
                    expected[invoice.Id] -= amount;
                    events.Add(() => _c.PublishAsync(new CreditNoteIssued(_c.Tenant, Guid.CreateVersion7(), $"CN-{n}", customer, _c.Today, amount, invoice.Id, invoice.Number, invoice.Due)));
                    break;
                case 2:
                    expected[invoice.Id] += amount;
                    events.Add(() => _c.PublishAsync(new DebitNoteIssued(_c.Tenant, Guid.CreateVersion7(), $"DN-{n}", customer, _c.Today, amount, invoice.Id, invoice.Number, invoice.Due)));
                    break;
                case 3 when payments.Count > 0:
                    var reversed = payments[random.Next(payments.Count)];
                    payments.Remove(reversed);
                    expected[reversed.Invoice] += reversed.Amount;
                    events.Add(() => _c.PublishAsync(new PaymentReversed(_c.Tenant, reversed.Payment, customer, _c.Today, "bounced", [new ReversedSettlement(reversed.Invoice, reversed.Due, reversed.Amount)])));
                    break;
            }
        }

        // Any order (a payment may land before its invoice), and every message delivered twice.
        foreach (var publish in events.OrderBy(_ => random.Next()))
        {
            await publish();
        }

        var redelivered = Guid.NewGuid();
        var first = invoices[0];
        var debit = new DebitNoteIssued(_c.Tenant, Guid.CreateVersion7(), "DN-TWICE", customer, _c.Today, 100m, first.Id, first.Number, first.Due);
        await _c.PublishAsync(debit, redelivered);
        await _c.PublishAsync(debit, redelivered);
        expected[first.Id] += 100m;

        var account = await _c.AccountAsync(customer);
        var open = account["openItems"]!.AsArray().ToDictionary(i => (Guid)i!["invoiceId"]!, i => (decimal)i!["openAmount"]!);
        Assert.Equal(expected.Where(e => e.Value > 0).ToDictionary(), open);
        Assert.Equal(expected.Values.Where(v => v > 0).Sum(), (decimal)account["totals"]!["open"]!);
    }

    [Fact]
    public async Task Customers_imported_in_a_batch_arrive_with_their_collector_type_and_portfolio()
    {
        var (assigned, unassigned) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        await _c.PublishAsync(CustomersRegistered.Of(_c.Tenant, DateTimeOffset.UtcNow,
        [
            new RegisteredCustomer(assigned, "IMP-1", "Imported One", null, null, "dealer", "priya@firm.in", "north"),
            new RegisteredCustomer(unassigned, "IMP-2", "Imported Two", null),
        ]));
        var account = await _c.AccountAsync(assigned);
        Assert.Equal(("priya@firm.in", "dealer", "north"), ((string?)account["collector"], (string?)account["customerType"], (string?)account["portfolio"]));
        Assert.Null((string?)(await _c.AccountAsync(unassigned))["collector"]);
    }

    [Fact]
    public async Task Another_tenants_accounts_and_records_are_not_found_and_not_listed()
    {
        var customer = await _c.CustomerAsync("MINE", contacts: [("L1", "Asha", "asha@mine.in")]);
        await _c.InvoiceAsync(customer, "MN-1", _c.Today.AddDays(-1), 1000m);
        await _c.RunAsync(_c.Today);
        var promise = (await (await _c.Client.PostAsJsonAsync($"/api/v1/collections/accounts/{customer}/promises", new { amount = 100m, promisedDate = _c.Today }))
            .Content.ReadFromJsonAsync<JsonObject>())!;
        var dispute = (await (await _c.Client.PostAsJsonAsync($"/api/v1/collections/accounts/{customer}/disputes", new { invoiceNumber = "MN-1", amount = 100m, reason = "other" }))
            .Content.ReadFromJsonAsync<JsonObject>())!;
        var message = (await _c.Client.GetFromJsonAsync<JsonObject>("/api/v1/collections/messages"))!["items"]!.AsArray()[0]!;
        var run = await _c.RunAsync(_c.Today);
        var other = _c.ClientOf(Guid.CreateVersion7());

        foreach (var path in new[]
        {
            $"/api/v1/collections/accounts/{customer}", $"/api/v1/collections/accounts/{customer}/actions", $"/api/v1/collections/accounts/{customer}/promises",
            $"/api/v1/collections/accounts/{customer}/activities", $"/api/v1/collections/disputes/{dispute["id"]}", $"/api/v1/collections/messages/{message["id"]}",
            $"/api/v1/collections/messages/{message["id"]}/pdf", $"/api/v1/collections/dunning/runs/{run.Id}",
        })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(path)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsJsonAsync($"/api/v1/collections/promises/{promise["id"]}/cancel", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsJsonAsync($"/api/v1/collections/disputes/{dispute["id"]}/resolve", new { outcome = "valid" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsJsonAsync($"/api/v1/collections/accounts/{customer}/activities", new { type = "note", notes = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PutAsJsonAsync($"/api/v1/collections/accounts/{customer}/pause", new { until = _c.Today, reason = "x" })).StatusCode);
        foreach (var list in new[] { "/api/v1/collections/accounts", "/api/v1/collections/messages", "/api/v1/collections/disputes", "/api/v1/collections/tasks", "/api/v1/collections/worklist" })
        {
            Assert.Equal(0, (int)(await other.GetFromJsonAsync<JsonObject>(list))!["total"]!);
        }

        var preview = (await other.GetFromJsonAsync<JsonObject>("/api/v1/collections/dunning/preview"))!;
        Assert.Equal(0, (int)preview["accountsSeen"]!);
        Assert.Equal(HttpStatusCode.Forbidden, (await _c.Service.ClientFor(TestTokens.Issue(_c.Tenant, "collections.read"))
            .PostAsJsonAsync($"/api/v1/collections/accounts/{customer}/activities", new { type = "note", notes = "x" })).StatusCode);
    }

    [Fact]
    public async Task Days_caught_up_give_an_account_one_action_its_latest_due_step_with_the_others_skipped_as_missed_runs()
    {
        var customer = await _c.CustomerAsync("CATCH", contacts: [("L1", "Asha", "asha@catch.in"), ("L2", "Mehul", "mehul@catch.in")]);
        var start = _c.Today;
        await _c.InvoiceAsync(customer, "CU-1", start.AddDays(4), 9000m);
        var job = _c.Service.Services.GetRequiredService<CollectionsDailyJob>();

        // The service was down from the start for three weeks: the runner catches the dates up in order, today last.
        _c.MoveTo(start.AddDays(20));
        for (var date = start; date <= start.AddDays(20); date = date.AddDays(1))
        {
            await job.RunAsync(_c.Tenant, date, default);
        }

        var actions = await _c.ActionsAsync(customer);
        var taken = Assert.Single(actions, a => (string?)a!["kind"] == "taken")!;
        Assert.Equal(("letter-l2", start.AddDays(20).ToString("yyyy-MM-dd")), ((string?)taken["step"], (string?)taken["businessDate"]));
        Assert.Equal(["call:missed run", "reminder:missed run", "courtesy:missed run"],
            actions.Where(a => (string?)a!["kind"] == "skipped").Select(a => $"{a!["step"]}:{a["skipReason"]}"));
    }

    [Fact]
    public async Task The_worklist_ranks_by_the_documented_score_with_its_reasons_and_follows_reassignment()
    {
        var big = await _c.CustomerAsync("BIG", collector: "priya@firm.in");
        var small = await _c.CustomerAsync("SMALLER", collector: "priya@firm.in");
        var theirs = await _c.CustomerAsync("THEIRS", collector: "arjun@firm.in");
        await _c.InvoiceAsync(big, "BG-1", _c.Today.AddDays(-45), 2_50_000m);
        await _c.InvoiceAsync(small, "SM-1", _c.Today.AddDays(-3), 15_000m);
        await _c.InvoiceAsync(theirs, "TH-1", _c.Today.AddDays(-90), 10_00_000m);
        await _c.PublishAsync(new CustomerRiskChanged(_c.Tenant, small, null, "E", 90, [], _c.Today));

        var priya = (await _c.Client.GetFromJsonAsync<JsonObject>("/api/v1/collections/worklist?collector=priya@firm.in"))!;

        var rows = priya["items"]!.AsArray();
        Assert.Equal(["BIG", "SMALLER"], rows.Select(r => (string?)r!["code"]));
        var first = rows[0]!;
        // 25 for ₹2,50,000 overdue, 15 for 45 days, 5 for the dunning step (letter L3) due.
        Assert.Equal(45, (int)first["score"]!);
        Assert.Equal(["overdue amount:25", "age:15", "dunning step due:5"], first["reasons"]!.AsArray().Select(r => $"{r!["factor"]}:{r["points"]}"));
        Assert.Equal(1 + 1 + 15 + 5, (int)rows[1]!["score"]!);

        await _c.PublishAsync(new CustomerUpdated(_c.Tenant, theirs, "THEIRS", "THEIRS Traders Pvt Ltd", null, null, "priya@firm.in", "north", "active", DateTimeOffset.UtcNow));
        var after = (await _c.Client.GetFromJsonAsync<JsonObject>("/api/v1/collections/worklist?collector=priya@firm.in"))!;
        Assert.Equal(["THEIRS", "BIG", "SMALLER"], after["items"]!.AsArray().Select(r => (string?)r!["code"]));
        var everyone = (await _c.Client.GetFromJsonAsync<JsonObject>("/api/v1/collections/worklist?pageSize=2&page=2"))!;
        Assert.Equal((3, "SMALLER"), ((int)everyone["total"]!, (string?)everyone["items"]!.AsArray().Single()!["code"]));
    }

    private async Task<JsonArray> WorklistAsync(string collector) =>
        (await _c.Client.GetFromJsonAsync<JsonObject>($"/api/v1/collections/worklist?collector={collector}"))!["items"]!.AsArray();

    [Fact]
    public async Task The_kept_worklist_shows_every_write_made_before_the_page_and_is_made_again_for_a_new_day()
    {
        const string Collector = "kept@firm.in";
        var paid = await _c.CustomerAsync("KPAID", Collector);
        var paidInvoice = await _c.InvoiceAsync(paid, "KP-1", _c.Today.AddDays(-10), 50_000m);
        var promising = await _c.CustomerAsync("KPROM", Collector);
        await _c.InvoiceAsync(promising, "KR-1", _c.Today.AddDays(-20), 30_000m);
        Assert.Equal(["KPROM", "KPAID"], (await WorklistAsync(Collector)).Select(r => (string?)r!["code"]));

        // A payment through an event, a promise through the API: the next page has both, with no wait.
        await _c.PublishAsync(new PaymentAllocated(_c.Tenant, Guid.CreateVersion7(), paid, paidInvoice, "KP-1", _c.Today.AddDays(-10), _c.Today, 50_000m, 0, 0));
        (await _c.Client.PostAsJsonAsync($"/api/v1/collections/accounts/{promising}/activities", new
        {
            type = "call",
            disposition = "promised",
            notes = "pays today",
            promise = new { amount = 30_000m, promisedDate = _c.Today, invoiceNumbers = new[] { "KR-1" } },
        })).EnsureSuccessStatusCode();
        var rows = await WorklistAsync(Collector);
        Assert.Equal(["KPROM"], rows.Select(r => (string?)r!["code"]));
        Assert.Contains(rows[0]!["reasons"]!.AsArray(), r => (string?)r!["factor"] == "promise due today");
        Assert.Equal(20 / 3, (int)rows[0]!["reasons"]!.AsArray().Single(r => (string?)r!["factor"] == "age")!["points"]!);

        // Nine days on, with nothing written, the row is of the new day: older, and the promise no longer due today.
        _c.MoveTo(_c.Today.AddDays(9));
        var later = (await WorklistAsync(Collector)).Single()!;
        Assert.Equal(29 / 3, (int)later["reasons"]!.AsArray().Single(r => (string?)r!["factor"] == "age")!["points"]!);
        Assert.DoesNotContain(later["reasons"]!.AsArray(), r => (string?)r!["factor"] == "promise due today");
    }

    [Fact]
    public async Task Pages_the_refresher_and_payments_at_once_all_answer_and_the_next_page_has_every_payment()
    {
        const string Collector = "busy@firm.in";
        var invoices = new List<(Guid Customer, Guid Invoice, DateOnly Due)>();
        for (var i = 0; i < 12; i++)
        {
            var customer = await _c.CustomerAsync($"BUSY{i:00}", Collector);
            var due = _c.Today.AddDays(-3 - i);
            invoices.Add((customer, await _c.InvoiceAsync(customer, $"BZ-{i}", due, 10_000m + i), due));
        }

        var refresher = _c.Service.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<Worklist.WorklistRefresher>().Single();
        var pages = Enumerable.Range(0, 8).Select(async _ =>
        {
            using var response = await _c.Client.GetAsync($"/api/v1/collections/worklist?collector={Collector}");
            return response.StatusCode;
        }).ToList();
        var payments = invoices.Where((_, i) => i % 2 == 0).Select(p => _c.PublishAsync(
            new PaymentAllocated(_c.Tenant, Guid.CreateVersion7(), p.Customer, p.Invoice, "BZ", p.Due, _c.Today, 10_000m + invoices.IndexOf(p), 0, 0))).ToList();
        var refreshes = Enumerable.Range(0, 4).Select(_ => refresher.RefreshAsync(CancellationToken.None)).ToList();
        await Task.WhenAll([.. payments, .. refreshes]);

        Assert.All(await Task.WhenAll(pages), status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Equal([.. Enumerable.Range(0, 12).Where(i => i % 2 == 1).Select(i => $"BUSY{i:00}").Order(StringComparer.Ordinal)],
            (await WorklistAsync(Collector)).Select(r => (string)r!["code"]!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Marked_worklist_rows_are_made_again_in_the_background_without_anyone_asking()
    {
        var customer = await _c.CustomerAsync("KBACK", "background@firm.in");
        await _c.InvoiceAsync(customer, "KB-1", _c.Today.AddDays(-5), 12_000m);

        await ServiceHost.EventuallyAsync(async () =>
        {
            using var scope = _c.Service.Services.CreateScope();
            scope.ServiceProvider.GetRequiredService<ArPlatform.BuildingBlocks.Tenancy.TenantContext>().Set(_c.Tenant);
            var db = scope.ServiceProvider.GetRequiredService<Persistence.CollectionsDbContext>();
            var entry = await db.Set<Worklist.WorklistEntry>().AsNoTracking().SingleOrDefaultAsync(e => e.CustomerId == customer);
            return entry is { Overdue: 12_000m } && !await db.Set<Worklist.StaleWorklistEntry>().AnyAsync(s => s.CustomerId == customer);
        }, "the account's row made by the refresher");
    }

    [Fact]
    public async Task Strategies_templates_and_settings_refuse_bad_input_naming_the_field_and_the_highest_priority_match_applies()
    {
        var bad = await _c.Client.PostAsJsonAsync("/api/v1/collections/strategies", new
        {
            code = "Bad Code",
            name = "",
            steps = new[] { new { code = "a", name = "A", dayOffset = 5, action = "shout" }, new { code = "a", name = "B", dayOffset = 5, action = "email" } },
        });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        Assert.Superset(new HashSet<string> { "code", "name", "steps[0].action", "steps" }, errors.Select(e => e.Key).ToHashSet());

        var template = await _c.Client.PutAsJsonAsync("/api/v1/collections/templates/my-reminder", new { channel = "email", subject = "Dues", body = "{% if %}broken" });
        Assert.Equal(HttpStatusCode.BadRequest, template.StatusCode);
        Assert.NotNull((await template.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["body"]);
        var settings = await _c.Client.PutAsJsonAsync("/api/v1/collections/settings", new
        {
            promiseGraceDays = 99,
            departments = new[] { new { name = "A", reasons = new[] { "pricing" }, email = "a@client.in", responseHours = 24 }, new { name = "B", reasons = new[] { "pricing" }, email = "not-an-email", responseHours = 0 } },
        });
        Assert.Equal(HttpStatusCode.BadRequest, settings.StatusCode);
        Assert.Superset(new HashSet<string> { "promiseGraceDays", "departments", "departments[1].email", "departments[1].responseHours" },
            (await settings.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().Select(e => e.Key).ToHashSet());

        (await _c.Client.PutAsJsonAsync("/api/v1/collections/templates/firm-letter", new { channel = "letter", subject = "Dues of {{ customer.name }}", body = "<p>Pay {{ totals.dunned | inr }}</p>" }))
            .EnsureSuccessStatusCode();
        var created = await _c.Client.PostAsJsonAsync("/api/v1/collections/strategies", new
        {
            code = "dealers-high-risk",
            name = "Dealers rated D or E",
            priority = 10,
            appliesTo = new { riskRatings = new[] { "D", "E" }, customerTypes = new[] { "dealer" } },
            steps = new[] { new { code = "early-letter", name = "Early letter", dayOffset = 2, action = "letter", contactLevel = "L1", template = "firm-letter" } },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var risky = await _c.CustomerAsync("RISKY", contacts: [("L1", "Asha", "asha@risky.in")]);
        await _c.PublishAsync(new CustomerRiskChanged(_c.Tenant, risky, "C", "D", 70, [], _c.Today));
        await _c.InvoiceAsync(risky, "RK-1", _c.Today.AddDays(-2), 1500m);

        await _c.RunAsync(_c.Today);

        Assert.Equal("dealers-high-risk", (string?)(await _c.AccountAsync(risky))["strategy"]);
        var letter = (await _c.Client.GetFromJsonAsync<JsonObject>($"/api/v1/collections/messages?customerId={risky}"))!["items"]!.AsArray().Single()!;
        Assert.Equal(("firm-letter", "Dues of RISKY Traders Pvt Ltd"), ((string?)letter["templateCode"], (string?)letter["subject"]));
    }
}
