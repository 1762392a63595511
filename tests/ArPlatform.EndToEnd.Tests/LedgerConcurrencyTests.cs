using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;

namespace ArPlatform.EndToEnd.Tests;

/// <summary>
/// Conflicting changes of one customer's open amounts sent at the same moment, round after round: whatever order they
/// run in, no open amount goes below zero or above what is owed, the ledger sums to the open amounts, a reversed
/// payment applies nothing, and once the events have landed Reporting's aging and Customers' exposure equal Invoices'
/// own totals.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class LedgerConcurrencyTests(PlatformFixture platform)
{
    private const int Rounds = 4;
    private static readonly string[] Scopes = ["customers.read", "customers.write", "invoices.read", "invoices.write", "credits.approve", "reports.read"];

    private string _writer = "";
    private string _reader = "";
    private string _customerId = "";
    private string _cashCustomerId = "";
    private int _number;

    [Fact]
    public async Task Conflicting_changes_at_the_same_moment_never_over_settle_and_every_view_agrees()
    {
        var admin = await platform.TokenAsync("platform-admin", PlatformFixture.AdminSecret);
        var code = $"race-{Guid.NewGuid().ToString("N")[..6]}";
        var tenant = await platform.JsonAsync(HttpMethod.Post, "/api/v1/tenants", admin, new { name = $"Tenant {code}", code }, HttpStatusCode.Created);
        _writer = await ClientTokenAsync(admin, (string)tenant["id"]!);
        _reader = await ClientTokenAsync(admin, (string)tenant["id"]!);
        _customerId = (string)(await platform.JsonAsync(HttpMethod.Post, "/api/v1/customers", _writer,
            new { code = "RACE-A", name = "Race Traders" }, HttpStatusCode.Created))["id"]!;
        _cashCustomerId = (string)(await platform.JsonAsync(HttpMethod.Post, "/api/v1/customers", _writer,
            new { code = "RACE-B", name = "Race Cash Buyers" }, HttpStatusCode.Created))["id"]!;

        var pairs = new (string Name, Func<Task> Round)[]
        {
            ("payment + write-off", () => OnOneInvoiceAsync(Pay, WriteOff)),
            ("payment + credit note", () => OnOneInvoiceAsync(Pay, CreditNote)),
            ("payment + cancel", () => OnOneInvoiceAsync(Pay, Cancel)),
            ("payment + payment", () => OnOneInvoiceAsync(Pay, Pay)),
            ("credit note + write-off", () => OnOneInvoiceAsync(CreditNote, WriteOff)),
            ("credit note + cancel", () => OnOneInvoiceAsync(CreditNote, Cancel)),
            ("debit note + cancel", () => OnOneInvoiceAsync(DebitNote, Cancel)),
            ("write-off + write-off", () => OnOneInvoiceAsync(WriteOff, WriteOff)),
            ("payment import + write-off", () => OnOneInvoiceAsync(ImportPayment, WriteOff)),
            ("apply + reverse", () => OnCashAsync((p, i) => Apply(p, i), (p, _) => Reverse(p))),
            ("apply + apply", () => OnCashAsync((p, i) => Apply(p, i), (p, i) => Apply(p, i))),
            ("reverse + reverse", () => OnCashAsync((p, _) => Reverse(p), (p, _) => Reverse(p))),
            ("apply + payment", () => OnCashAsync((p, i) => Apply(p, i), (_, i) => Pay(i))),
            ("apply + credit note", () => OnCashAsync((p, i) => Apply(p, i), (_, i) => CreditNote(i))),
        };
        for (var round = 0; round < Rounds; round++)
        {
            foreach (var (name, run) in pairs)
            {
                try
                {
                    await run();
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    throw new Xunit.Sdk.XunitException($"round {round + 1}, {name}: {e.Message}");
                }
            }
        }

        await EveryViewAgreesAsync();
    }

    private sealed record Target(string Id, string Number, string CustomerId);

    private async Task OnOneInvoiceAsync(Func<Target, Task<HttpStatusCode>> first, Func<Target, Task<HttpStatusCode>> second)
    {
        var invoice = await IssueAsync(_customerId);
        var outcomes = await Task.WhenAll(first(invoice), second(invoice));
        Assert.All(outcomes, s => Assert.True(s is HttpStatusCode.OK or HttpStatusCode.Created or HttpStatusCode.Accepted
            or HttpStatusCode.BadRequest or HttpStatusCode.Conflict, $"unexpected {(int)s}"));
        await WaitForImportsAsync();
        await InvariantsHoldAsync(invoice);
    }

    private async Task OnCashAsync(Func<string, Target, Task<HttpStatusCode>> first, Func<string, Target, Task<HttpStatusCode>> second)
    {
        // The cash customer owes nothing when the payment arrives, so all of it stays on account.
        var payment = await platform.JsonAsync(HttpMethod.Post, "/api/v1/payments", _writer, new
        {
            customerId = _cashCustomerId,
            amount = 1000m,
            receivedOn = "2026-10-05",
            mode = "NEFT",
            reference = $"UTR-{Next()}",
        }, HttpStatusCode.Created);
        Assert.Equal(1000m, (decimal)payment["unappliedAmount"]!);
        var invoice = await IssueAsync(_cashCustomerId);
        var outcomes = await Task.WhenAll(first((string)payment["id"]!, invoice), second((string)payment["id"]!, invoice));
        Assert.All(outcomes, s => Assert.True(s is HttpStatusCode.OK or HttpStatusCode.Created or HttpStatusCode.BadRequest or HttpStatusCode.Conflict,
            $"unexpected {(int)s}"));
        await InvariantsHoldAsync(invoice);

        var after = await platform.JsonAsync(HttpMethod.Get, $"/api/v1/payments/{payment["id"]}", _reader, null, HttpStatusCode.OK);
        var unapplied = (decimal)after["unappliedAmount"]!;
        var applied = after["allocations"]!.AsArray().Sum(a => (decimal)a!["cash"]!);
        Assert.True(unapplied >= 0, $"payment {payment["id"]} has {unapplied} on account");
        if (after["reversedOn"] is not null)
        {
            // Nothing of a reversed payment is applied after its reversal, so the invoice keeps nothing of it.
            var history = await HistoryAsync(invoice);
            var fromPayment = history.Where(h => (string?)h!["paymentId"] == (string)payment["id"]!).Sum(h => (decimal)h!["amount"]!);
            Assert.Equal(0m, fromPayment);
        }
        else
        {
            Assert.Equal(1000m, unapplied + applied);
        }

        // Whatever is left on account is reversed, so the cash customer owes nothing when the next round begins.
        if (after["reversedOn"] is null)
        {
            await Reverse((string)payment["id"]!);
        }

        await WriteOff(invoice);
    }

    private async Task<Target> IssueAsync(string customerId)
    {
        var number = $"RACE-{Next()}";
        var invoice = await platform.JsonAsync(HttpMethod.Post, "/api/v1/invoices", _writer, new
        {
            number,
            customerId,
            invoiceDate = "2026-10-01",
            dueDate = "2026-10-31",
            amount = 1000m,
            currency = "INR",
        }, HttpStatusCode.Created);
        return new Target((string)invoice["id"]!, number, customerId);
    }

    private Task<HttpStatusCode> Pay(Target i) => StatusAsync(HttpMethod.Post, "/api/v1/payments", new
    {
        customerId = i.CustomerId,
        amount = 1000m,
        receivedOn = "2026-10-10",
        mode = "NEFT",
        reference = $"UTR-{Next()}",
        allocations = new[] { new { invoiceNumber = i.Number, amount = 1000m } },
    });

    private Task<HttpStatusCode> WriteOff(Target i) => StatusAsync(HttpMethod.Post, $"/api/v1/invoices/{i.Id}/write-off", new { reason = "race" });

    private Task<HttpStatusCode> CreditNote(Target i) => StatusAsync(HttpMethod.Post, "/api/v1/credit-notes", new
    {
        number = $"CN-{Next()}",
        customerId = i.CustomerId,
        date = "2026-10-12",
        amount = 1000m,
        invoiceNumber = i.Number,
    });

    private Task<HttpStatusCode> DebitNote(Target i) => StatusAsync(HttpMethod.Post, "/api/v1/debit-notes", new
    {
        number = $"DN-{Next()}",
        customerId = i.CustomerId,
        date = "2026-10-12",
        amount = 200m,
        invoiceNumber = i.Number,
    });

    private Task<HttpStatusCode> Cancel(Target i) => StatusAsync(HttpMethod.Post, $"/api/v1/invoices/{i.Id}/cancel", new { reason = "race" });

    private Task<HttpStatusCode> Apply(string payment, Target i) => StatusAsync(HttpMethod.Post, $"/api/v1/payments/{payment}/apply", new
    {
        allocations = new[] { new { invoiceNumber = i.Number, amount = 1000m } },
    });

    private Task<HttpStatusCode> Reverse(string payment) => StatusAsync(HttpMethod.Post, $"/api/v1/payments/{payment}/reverse", new { reason = "bounced" });

    private async Task<HttpStatusCode> ImportPayment(Target i)
    {
        var csv = $"customerCode,amount,receivedOn,mode,reference,allocations\nRACE-A,1000,2026-10-10,NEFT,IMP-{Next()},{i.Number}:1000\n";
        using var content = new StringContent(csv, System.Text.Encoding.UTF8, "text/csv");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/payments/imports") { Content = content };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", _writer);
        using var response = await platform.Gateway.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"import: {(int)response.StatusCode} {body}");
        _imports.Add(response.Headers.Location?.ToString() ?? $"/api/v1/payments/imports/{JsonNode.Parse(body)!["id"]}");
        return response.StatusCode;
    }

    private readonly List<string> _imports = [];

    private async Task WaitForImportsAsync()
    {
        // Polled twice a second: the reader's reads must stay well inside its rate limit (PlatformFixture.RateLimit a minute)
        // however long an import takes on a slow machine.
        foreach (var job in _imports)
        {
            var deadline = DateTime.UtcNow.AddSeconds(120);
            while (true)
            {
                var state = await platform.JsonAsync(HttpMethod.Get, job, _reader, null, HttpStatusCode.OK);
                if ((string?)state["status"] is "completed" or "failed")
                {
                    break;
                }

                Assert.True(DateTime.UtcNow < deadline, $"import {job} did not finish in 120 s: {state}");
                await Task.Delay(500);
            }
        }

        _imports.Clear();
    }

    private async Task<HttpStatusCode> StatusAsync(HttpMethod method, string path, object body)
    {
        using var response = await platform.SendAsync(method, path, _writer, body);
        if ((int)response.StatusCode >= 500)
        {
            Assert.Fail($"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        return response.StatusCode;
    }

    private async Task<JsonArray> HistoryAsync(Target invoice) =>
        (await platform.JsonAsync(HttpMethod.Get, $"/api/v1/invoices/{invoice.Id}", _reader, null, HttpStatusCode.OK))["history"]!.AsArray();

    private async Task InvariantsHoldAsync(Target target)
    {
        var invoice = await platform.JsonAsync(HttpMethod.Get, $"/api/v1/invoices/{target.Id}", _reader, null, HttpStatusCode.OK);
        var history = invoice["history"]!.AsArray();
        var open = (decimal)invoice["openAmount"]!;
        var owed = history.Where(h => (string?)h!["kind"] is "invoice" or "debit_note").Sum(h => (decimal)h!["amount"]!);
        Assert.True(open >= 0 && open <= owed, $"{target.Number}: open {open.ToString(CultureInfo.InvariantCulture)} of {owed} owed; {history.ToJsonString()}");
        Assert.Equal(history.Sum(h => (decimal)h!["amount"]!), open);
        var status = (string)invoice["status"]!;
        Assert.True(status switch
        {
            "cancelled" => open == 0 && history.All(h => (string?)h!["kind"] is "invoice" or "cancellation"),
            "paid" or "written off" => open == 0,
            "partially paid" => open > 0 && open < owed,
            "open" => open > 0,
            _ => false,
        }, $"{target.Number}: status {status} with {open} open; {history.ToJsonString()}");
    }

    private async Task EveryViewAgreesAsync()
    {
        var open = new Dictionary<string, decimal> { [_customerId] = 0m, [_cashCustomerId] = 0m };
        for (var page = 1; ; page++)
        {
            var list = await platform.JsonAsync(HttpMethod.Get, $"/api/v1/invoices?pageSize=500&page={page}", _reader, null, HttpStatusCode.OK);
            foreach (var item in list["items"]!.AsArray())
            {
                open[(string)item!["customerId"]!] += (decimal)item["openAmount"]!;
            }

            if (list["items"]!.AsArray().Count < 500)
            {
                break;
            }
        }

        var total = open.Values.Sum();
        // Three reads a round, once a second: well inside the reader's rate limit however long the events take to land.
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            var aging = await platform.JsonAsync(HttpMethod.Get, "/api/v1/reports/aging", _reader, null, HttpStatusCode.OK);
            var exposures = new Dictionary<string, decimal>();
            foreach (var id in open.Keys)
            {
                var customer = await platform.JsonAsync(HttpMethod.Get, $"/api/v1/customers/{id}", _reader, null, HttpStatusCode.OK);
                exposures[id] = (decimal)customer["credit"]!["exposure"]!;
            }

            if ((decimal)aging["total"]! == total && open.All(o => exposures[o.Key] == o.Value))
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline,
                $"after 120 s: Invoices {total} open ({string.Join(", ", open)}), aging {aging["total"]}, exposure {string.Join(", ", exposures)}");
            await Task.Delay(1000);
        }
    }

    private async Task<string> ClientTokenAsync(string admin, string tenantId)
    {
        var client = await platform.JsonAsync(HttpMethod.Post, $"/api/v1/tenants/{tenantId}/clients", admin,
            new { name = $"Race client {Next()}", scopes = Scopes }, HttpStatusCode.Created);
        return await platform.TokenAsync((string)client["clientId"]!, (string)client["clientSecret"]!);
    }

    private string Next() => Interlocked.Increment(ref _number).ToString("D4", CultureInfo.InvariantCulture);
}
