using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using ArPlatform.ServiceDefaults;
using ArPlatform.Testing;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using RabbitMQ.Client;

namespace ArPlatform.EndToEnd.Tests;

/// <summary>A platform of its own for the test clock: moving time is for the whole platform, and only forward.</summary>
public sealed class TestClockPlatformFixture : PlatformFixture
{
    protected override IEnumerable<string> Arguments() =>
    [
        .. Parameters,
        // Two Invoices replicas, each running the daily jobs: every tenant and date still runs once.
        "--Replicas:invoices=2",
        // And two Collections replicas, each running dunning: every action and message still once.
        "--Replicas:collections=2",
        // New tenants are seen within seconds rather than at the next minute's look.
        "--Jobs:Daily:PollInterval=00:00:02",
    ];
}

/// <summary>
/// The platform test clock through the gateway, as a client trying a strategy out uses it: an invoice due in ten days,
/// the clock moved forty, the daily jobs run for every date passed on two Invoices replicas, the overdue notice
/// published once, Customers' automatic hold following it; then Customers down while two more days pass, and
/// catching them up when it comes back.
/// </summary>
public sealed class TestClockFlowTests(TestClockPlatformFixture platform) : IClassFixture<TestClockPlatformFixture>
{
    private const string ClockPath = "/api/v1/platform/clock";
    private const string NoticeJob = "invoice-notices";
    private const string RescoreJob = "risk-nightly-rescore";

    [Fact]
    public async Task Forty_days_on_the_test_clock_publish_the_overdue_notice_once_and_hold_the_customer_and_a_restart_catches_up_the_days_it_missed()
    {
        var admin = await platform.TokenAsync("platform-admin", PlatformFixture.AdminSecret);
        var (token, _, _) = await platform.NewTenantAsync(admin, "clock", ["customers.read", "customers.write", "invoices.read", "invoices.write"]);
        var today = DateOnly.Parse((string)(await platform.JsonAsync(HttpMethod.Get, ClockPath, admin, null, HttpStatusCode.OK))["businessDate"]!,
            CultureInfo.InvariantCulture);

        await platform.JsonAsync(HttpMethod.Put, "/api/v1/customers/credit-settings", token, new { overdueHoldDays = 15 }, HttpStatusCode.OK);
        var customer = await platform.JsonAsync(HttpMethod.Post, "/api/v1/customers", token, new { code = "CLK-1", name = "Kaveri Agencies" }, HttpStatusCode.Created);
        var customerId = (string)customer["id"]!;
        var due = today.AddDays(10);
        await platform.JsonAsync(HttpMethod.Post, "/api/v1/invoices", token, new
        {
            number = "CLK-INV-1",
            customerId,
            invoiceDate = Iso(today),
            dueDate = Iso(due),
            amount = 25000m,
            currency = "INR",
        }, HttpStatusCode.Created);

        // Both services' runners have seen the tenant on its first day: from there on, each date is the tenant's.
        await platform.WaitForAsync(admin, $"/api/v1/platform/jobs?from={Iso(today)}&to={Iso(today)}",
            j => Done(j, NoticeJob, today) >= 1 && Done(j, RescoreJob, today) >= 1, 60);
        Assert.False((bool)(await CustomerAsync(token, customerId))["credit"]!["onHold"]!);

        await using var overdueNotices = await BrokerWatch.StartAsync(platform, "ArPlatform.Contracts:InvoiceBecameOverdue");
        var moved = await platform.JsonAsync(HttpMethod.Put, ClockPath, admin, new { advanceDays = 40 }, HttpStatusCode.OK);
        var later = today.AddDays(40);
        Assert.Equal(Iso(later), (string?)moved["businessDate"]);

        // Customers re-scores on each date passed; on the 16th day overdue the hold follows, with its reason.
        var held = await platform.WaitForAsync(token, $"/api/v1/customers/{customerId}", c => (bool)c["credit"]!["onHold"]!, 90);
        Assert.Equal("invoice CLK-INV-1 more than 15 days overdue", (string?)held["credit"]!["holdReason"]);

        // Every date passed ran once on Invoices (two replicas) and on Customers, in order and without failures.
        var jobs = await platform.WaitForAsync(admin, $"/api/v1/platform/jobs?from={Iso(today)}&to={Iso(later)}",
            j => Done(j, NoticeJob, later) >= 1 && Done(j, RescoreJob, later) >= 1 && Runs(j).All(r => (int)r["tenantsRunning"]! == 0), 90);
        foreach (var job in new[] { NoticeJob, RescoreJob })
        {
            var dates = Runs(jobs).Where(r => (string?)r["job"] == job).Select(r => (string)r["businessDate"]!).ToList();
            Assert.Equal(Enumerable.Range(0, 41).Select(d => Iso(later.AddDays(-d))), dates); // one row per date, newest first
            Assert.All(Runs(jobs).Where(r => (string?)r["job"] == job), r => Assert.Empty(r["tenantsFailed"]!.AsArray()));
        }

        // The notice went to the broker once, for the day after the due date, even with two runners at it.
        var notice = Assert.Single(await overdueNotices.ReceivedAsync(m => (string?)m["number"] == "CLK-INV-1", TimeSpan.FromSeconds(5)));
        // MassTransit writes decimals as strings.
        Assert.Equal((Iso(due.AddDays(1)), 25000m), ((string)notice["detectedOn"]!, decimal.Parse(notice["openAmount"]!.ToString(), CultureInfo.InvariantCulture)));

        // Customers down while two days pass: Invoices runs them at once, Customers when it is back.
        var customers = platform.App.Services.GetRequiredService<DistributedApplicationModel>().Resources.Single(r => r.Name == ResourceNames.Customers);
        var commands = platform.App.Services.GetRequiredService<ResourceCommandService>();
        var notifications = platform.App.Services.GetRequiredService<ResourceNotificationService>();
        Assert.True((await commands.ExecuteCommandAsync(customers, KnownResourceCommands.StopCommand)).Success);
        await notifications.WaitForResourceAsync(ResourceNames.Customers, KnownResourceStates.TerminalStates).WaitAsync(TimeSpan.FromMinutes(1));
        await platform.JsonAsync(HttpMethod.Put, ClockPath, admin, new { advanceDays = 2 }, HttpStatusCode.OK);
        var last = later.AddDays(2);
        var whileDown = await platform.WaitForAsync(admin, $"/api/v1/platform/jobs?from={Iso(later)}&to={Iso(last)}", j => Done(j, NoticeJob, last) >= 1, 60);
        Assert.Contains(Services(whileDown), s => (string?)s["service"] == ResourceNames.Customers && (string?)s["status"] == "unavailable");

        Assert.True((await commands.ExecuteCommandAsync(customers, KnownResourceCommands.StartCommand)).Success);
        await notifications.WaitForResourceHealthyAsync(ResourceNames.Customers).WaitAsync(TimeSpan.FromMinutes(2));
        var caughtUp = await platform.WaitForAsync(admin, $"/api/v1/platform/jobs?job={RescoreJob}&from={Iso(later)}&to={Iso(last)}",
            j => Done(j, RescoreJob, last) >= 1, 60);
        Assert.Equal([Iso(last), Iso(later.AddDays(1)), Iso(later)], Runs(caughtUp).Select(r => (string)r["businessDate"]!));
        Assert.Single(await overdueNotices.ReceivedAsync(m => (string?)m["number"] == "CLK-INV-1", TimeSpan.FromSeconds(2)));
    }

    [Fact]
    public async Task Dunning_on_the_test_clock_emails_the_courtesy_reminder_through_the_mail_resource_once_and_a_valid_dispute_credits_the_invoice_in_Invoices()
    {
        var admin = await platform.TokenAsync("platform-admin", PlatformFixture.AdminSecret);
        var (token, _, _) = await platform.NewTenantAsync(admin, "dun",
            ["customers.read", "customers.write", "invoices.read", "invoices.write", "collections.read", "collections.write", "collections.admin", "credits.approve"]);
        var today = DateOnly.Parse((string)(await platform.JsonAsync(HttpMethod.Get, ClockPath, admin, null, HttpStatusCode.OK))["businessDate"]!,
            CultureInfo.InvariantCulture);
        var mailbox = $"ap-{Guid.NewGuid():N}@kaveri.example";
        await platform.JsonAsync(HttpMethod.Put, "/api/v1/collections/settings", token,
            new { spoc = new { name = "Sunita Rao", email = "sunita@client.example" }, clientName = "Bharat Cements Ltd" }, HttpStatusCode.OK);
        var customer = await platform.JsonAsync(HttpMethod.Post, "/api/v1/customers", token,
            new { code = "DUN-1", name = "Kaveri Agencies", assignedCollector = "priya@firm.example" }, HttpStatusCode.Created);
        var customerId = (string)customer["id"]!;
        await platform.JsonAsync(HttpMethod.Post, $"/api/v1/customers/{customerId}/contacts", token,
            new { name = "Ravi Kumar", escalationLevel = "L1", email = mailbox, preferredChannel = "email" }, HttpStatusCode.Created);
        var due = today.AddDays(5);
        var invoice = await platform.JsonAsync(HttpMethod.Post, "/api/v1/invoices", token, new
        {
            number = "DUN-INV-1",
            customerId,
            invoiceDate = Iso(today),
            dueDate = Iso(due),
            amount = 118000.50m,
            currency = "INR",
        }, HttpStatusCode.Created);

        // Collections has the account with its contact and item, and its runners have run the tenant's first day.
        await ServiceHost.EventuallyAsync(async () =>
        {
            using var response = await platform.SendAsync(HttpMethod.Get, $"/api/v1/collections/accounts/{customerId}", token, null);
            return response.StatusCode == HttpStatusCode.OK;
        }, "the collection account", 60);
        await platform.WaitForAsync(token, $"/api/v1/collections/accounts/{customerId}",
            a => (string?)a["collector"] == "priya@firm.example" && (decimal)a["totals"]!["open"]! == 118000.50m, 60);
        await platform.WaitForAsync(admin, $"/api/v1/platform/jobs?from={Iso(today)}&to={Iso(today)}", j => Done(j, CollectionsJob, today) >= 1, 60);

        await platform.JsonAsync(HttpMethod.Put, ClockPath, admin, new { advanceDays = 2 }, HttpStatusCode.OK);

        using var inbox = new HttpClient { BaseAddress = platform.App.GetEndpoint(ResourceNames.Mail, "http") };
        var arrived = await WaitForMailAsync(inbox, mailbox, 1);
        using var raw = await inbox.GetStreamAsync($"/api/messages/{arrived[0]["id"]}/raw");
        Assert.Contains("₹1,18,000.50", (await MimeKit.MimeMessage.LoadAsync(raw)).TextBody, StringComparison.Ordinal);
        var actions = await platform.JsonArrayAsync($"/api/v1/collections/accounts/{customerId}/actions", token);
        Assert.Equal(["courtesy"], actions.Where(a => (string?)a!["kind"] == "taken").Select(a => (string?)a!["step"]));

        var dispute = await platform.JsonAsync(HttpMethod.Post, $"/api/v1/collections/accounts/{customerId}/disputes", token,
            new { invoiceNumber = "DUN-INV-1", amount = 18000.50m, reason = "pricing", notes = "old price list" }, HttpStatusCode.Created);
        await platform.JsonAsync(HttpMethod.Post, $"/api/v1/collections/disputes/{dispute["id"]}/resolve", token,
            new { outcome = "valid", notes = "agreed" }, HttpStatusCode.OK);

        // Invoices issued the credit note; Collections' open amount follows it to the paisa.
        var credited = await platform.WaitForAsync(token, $"/api/v1/invoices/{invoice["id"]}", i => (decimal)i["openAmount"]! == 100000m, 60);
        var account = await platform.WaitForAsync(token, $"/api/v1/collections/accounts/{customerId}", a => (decimal)a["totals"]!["open"]! == 100000m, 60);
        Assert.Equal((decimal)credited["openAmount"]!, (decimal)account["totals"]!["open"]!);

        // A week past due: the reminder's day was passed over by the jump, the call is one task, and the mailbox still has one message.
        await platform.JsonAsync(HttpMethod.Put, ClockPath, admin, new { advanceDays = 10 }, HttpStatusCode.OK);
        var tasks = await platform.WaitForAsync(token, $"/api/v1/collections/tasks?customerId={customerId}", t => t["items"]!.AsArray().Any(i => (string?)i!["kind"] == "call"), 90);
        Assert.Single(tasks["items"]!.AsArray(), i => (string?)i!["kind"] == "call");
        actions = await platform.JsonArrayAsync($"/api/v1/collections/accounts/{customerId}/actions", token);
        Assert.Equal(["courtesy", "call"], actions.Where(a => (string?)a!["kind"] == "taken").Select(a => (string?)a!["step"]).Reverse());
        Assert.Contains(actions, a => (string?)a!["step"] == "reminder" && (string?)a!["kind"] == "skipped" && (string?)a!["skipReason"] == "missed run");
        Assert.Single(await WaitForMailAsync(inbox, mailbox, 1));
    }

    private static async Task<List<JsonObject>> WaitForMailAsync(HttpClient inbox, string mailbox, int count)
    {
        List<JsonObject> found = [];
        await ServiceHost.EventuallyAsync(async () =>
        {
            var page = JsonNode.Parse(await inbox.GetStringAsync("/api/messages?pageSize=500"))!;
            found = [.. page["results"]!.AsArray().Where(m => m!["to"]!.ToJsonString().Contains(mailbox, StringComparison.Ordinal)).Select(m => m!.AsObject())];
            return found.Count >= count;
        }, $"{count} message(s) to {mailbox}", 90);
        return found;
    }

    private const string CollectionsJob = "collections-day";

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static IEnumerable<JsonObject> Runs(JsonObject jobs) => jobs["runs"]!.AsArray().Select(r => r!.AsObject());

    private static IEnumerable<JsonObject> Services(JsonObject jobs) => jobs["services"]!.AsArray().Select(s => s!.AsObject());

    private static int Done(JsonObject jobs, string job, DateOnly date) =>
        Runs(jobs).Where(r => (string?)r["job"] == job && (string?)r["businessDate"] == Iso(date)).Sum(r => (int)r["tenantsDone"]!);

    private async Task<JsonObject> CustomerAsync(string token, string customerId) =>
        await platform.JsonAsync(HttpMethod.Get, $"/api/v1/customers/{customerId}", token, null, HttpStatusCode.OK);

    /// <summary>A queue of the test's own bound to an event's exchange on the platform's broker: what was really published.</summary>
    private sealed class BrokerWatch(IConnection connection, IChannel channel, string queue) : IAsyncDisposable
    {
        private readonly List<JsonObject> _seen = [];

        public static async Task<BrokerWatch> StartAsync(PlatformFixture platform, string exchange)
        {
            var connectionString = await platform.App.GetConnectionStringAsync(ResourceNames.Messaging)
                ?? throw new InvalidOperationException("The messaging resource has no connection string.");
            var connection = await new ConnectionFactory { Uri = new Uri(connectionString) }.CreateConnectionAsync();
            var channel = await connection.CreateChannelAsync();
            // MassTransit's publish exchange for the message type: fanout, durable; declared the same way it is idempotent.
            await channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true);
            var queue = (await channel.QueueDeclareAsync("", durable: false, exclusive: true, autoDelete: true)).QueueName;
            await channel.QueueBindAsync(queue, exchange, "");
            return new BrokerWatch(connection, channel, queue);
        }

        /// <summary>The messages (MassTransit envelopes' <c>message</c>) that match, once the queue has been quiet for <paramref name="quiet"/>.</summary>
        public async Task<List<JsonObject>> ReceivedAsync(Func<JsonObject, bool> matches, TimeSpan quiet)
        {
            List<JsonObject> received = [];
            var quietSince = DateTime.UtcNow;
            while (DateTime.UtcNow - quietSince < quiet)
            {
                if (await channel.BasicGetAsync(queue, autoAck: true) is { } delivery)
                {
                    var envelope = JsonNode.Parse(delivery.Body.Span)!.AsObject();
                    received.Add(envelope["message"]!.AsObject());
                    quietSince = DateTime.UtcNow;
                }
                else
                {
                    await Task.Delay(100);
                }
            }

            _seen.AddRange(received);
            return [.. _seen.Where(matches)];
        }

        public async ValueTask DisposeAsync()
        {
            await channel.DisposeAsync();
            await connection.DisposeAsync();
        }
    }
}
