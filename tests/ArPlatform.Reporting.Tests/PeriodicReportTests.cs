using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using ArPlatform.BuildingBlocks.Jobs;
using ArPlatform.Contracts;
using ArPlatform.Reporting.Persistence;
using ArPlatform.ServiceDefaults.Http;
using ArPlatform.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using MiniExcelLibs;

namespace ArPlatform.Reporting.Tests;

/// <summary>Scheduled client reports: made by the daily job, kept, listed, downloaded and mailed (a real SMTP server), their numbers the API's.</summary>
public sealed class PeriodicReportTests(InfrastructureFixture infrastructure, MailFixture mail)
    : IClassFixture<InfrastructureFixture>, IClassFixture<MailFixture>, IAsyncLifetime
{
    private readonly Guid _tenant = Guid.CreateVersion7();
    private readonly string _spoc = $"spoc-{Guid.NewGuid():N}@acme.in";
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(BusinessDate.Today(TimeProvider.System).ToDateTime(new TimeOnly(12, 0)), TimeSpan.FromHours(5.5)).ToUniversalTime());
    private ServiceUnderTest<Program>? _service;
    private HttpClient _client = null!;

    private DateOnly Today => BusinessDate.Today(_clock);

    public async Task InitializeAsync()
    {
        _service = await ServiceUnderTest<Program>.StartAsync(infrastructure, "reportingdb", new Dictionary<string, string> { ["Jobs:Daily:Enabled"] = "false", ["Jobs:Daily:MaxAttempts"] = "1" },
            services => services.AddSingleton<TimeProvider>(_clock), new Dictionary<string, string> { ["mail"] = mail.ConnectionString });
        _client = _service.ClientFor(TestTokens.Issue(_tenant, "reports.read", "reports.write"));
    }

    public async Task DisposeAsync()
    {
        if (_service is not null)
        {
            await _service.DisposeAsync();
        }
    }

    private DailyJobRunner<ReportingDbContext> Runner => _service!.Services.GetRequiredService<DailyJobRunner<ReportingDbContext>>();

    private async Task<(Guid Distributor, Guid Dealer)> SeedAsync()
    {
        var (distributor, dealer) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        var at = DateTimeOffset.UtcNow.AddDays(-60);
        var overdue = Events.InvoiceIssued(_tenant, "AC-1", Today.AddDays(-40), Today.AddDays(-10), 10_000m) with { CustomerId = dealer };
        var notDue = Events.InvoiceIssued(_tenant, "AC-2", Today.AddDays(-20), Today.AddDays(10), 5_000m) with { CustomerId = distributor };
        foreach (var message in new object[]
                 {
                     new TenantCreated(_tenant, "ACME", "Acme Paints Ltd", at),
                     new CustomerRegistered(_tenant, distributor, "DIST", "Distributor", null, at, Type: "distributor", Region: "North"),
                     new CustomerRegistered(_tenant, dealer, "DL1", "Dealer One", null, at, Type: "dealer", Region: "North", ParentId: distributor),
                     overdue, notDue,
                     new PaymentAllocated(_tenant, Guid.CreateVersion7(), dealer, overdue.InvoiceId, overdue.Number, overdue.DueDate, Today.AddDays(-3), 4_000m, 0m, 0m),
                     new PromiseToPayMade(_tenant, Guid.CreateVersion7(), dealer, 1_000m, Today.AddDays(-5), ["AC-1"], at),
                     new DisputeRaised(_tenant, Guid.CreateVersion7(), distributor, notDue.InvoiceId, "AC-2", 300m, "pricing", null,
                         DateTimeOffset.UtcNow.AddDays(-4), DateTimeOffset.UtcNow.AddDays(10)),
                 })
        {
            await Events.PublishAnyAsync(_service!.Services, message);
        }

        var promise = Guid.CreateVersion7();
        await Events.PublishAnyAsync(_service!.Services, new PromiseToPayMade(_tenant, promise, dealer, 1_500m, Today.AddDays(-6), ["AC-1"], at));
        await Events.PublishAnyAsync(_service!.Services, new PromiseToPayBroken(_tenant, promise, dealer, 1_500m, 0m, Today.AddDays(-6), Today.AddDays(-2)));
        var plan = await _client.PutAsJsonAsync($"/api/v1/reports/plans/{Today.AddDays(-1):yyyy-MM}", new { rows = new[] { new { dealerCode = "DIST", planned = 8_000m } } });
        await ServiceHost.EventuallyAsync(async () =>
        {
            var kpis = (await _client.GetFromJsonAsync<JsonObject>($"/api/v1/reports/kpis?asOf={Today.AddDays(-1):yyyy-MM-dd}"))!["groups"]![0]!;
            return (decimal)kpis["endingAr"]! == 11_000m && (int)kpis["disputes"]!["open"]! == 1 && (int)kpis["promiseKeptRate"]!["broken"]! == 1;
        }, "the invoices, the payment, the dispute and the broken promise");
        Assert.Equal(HttpStatusCode.OK, plan.StatusCode);
        return (distributor, dealer);
    }

    private async Task<List<MimeMessage>> MailToAsync(string address) =>
        [.. (await mail.MessagesAsync()).Select(m => MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(m.Source))))
            .Where(m => m.To.Mailboxes.Any(a => a.Address == address))];

    private static byte[] Attachment(MimeMessage message, string extension)
    {
        var part = message.Attachments.OfType<MimePart>().Single(a => a.FileName?.EndsWith(extension, StringComparison.Ordinal) == true);
        using var stream = new MemoryStream();
        part.Content!.DecodeTo(stream);
        return stream.ToArray();
    }

    private static List<IDictionary<string, object?>> Sheet(byte[] xlsx, string sheet) =>
        [.. new MemoryStream(xlsx).Query(useHeaderRow: true, sheetName: sheet).Cast<IDictionary<string, object?>>()];

    [Fact]
    public async Task The_daily_job_mails_the_scheduled_report_once_and_its_workbook_holds_the_apis_numbers()
    {
        await SeedAsync();
        var day = ((int)Today.DayOfWeek + 6) % 7 + 1;
        var set = await _client.PutAsJsonAsync("/api/v1/reports/schedules", new { frequency = "weekly", day, recipients = new[] { _spoc } });
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        var schedule = (await set.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(Today.ToString("yyyy-MM-dd"), (string?)schedule["nextRunOn"]);
        Assert.Equal(Today.AddDays(-7).ToString("yyyy-MM-dd"), (string?)schedule["nextPeriod"]!["from"]);

        var outcomes = await Runner.TickAsync();
        Assert.True(outcomes.Single(o => o.Tenant == _tenant && o.Job == "periodic-client-reports").Succeeded, outcomes.Single(o => o.Tenant == _tenant && o.Job == "periodic-client-reports").Error);
        await Runner.TickAsync(); // the date is done: nothing is made or mailed again

        var mails = await MailToAsync(_spoc);
        var message = Assert.Single(mails);
        Assert.Contains("Acme Paints Ltd", message.Subject);
        var xlsx = Attachment(message, ".xlsx");
        Assert.StartsWith("%PDF-", Encoding.ASCII.GetString(Attachment(message, ".pdf")[..5]));

        // The numbers are the API's for the period's last day, and numbers in the workbook.
        var asOf = Today.AddDays(-1);
        var kpis = (await _client.GetFromJsonAsync<JsonObject>($"/api/v1/reports/kpis?asOf={asOf:yyyy-MM-dd}&periodDays=90"))!["groups"]![0]!;
        var summary = Sheet(xlsx, "Summary").ToDictionary(r => (string)r["figure"]!, r => r["value"]);
        Assert.IsType<double>(summary["DSO (countback)"]);
        Assert.Equal((double)(decimal)kpis["dsoCountback"]!["value"]!, (double)summary["DSO (countback)"]!, 6);
        Assert.Equal((double?)(decimal?)kpis["cei"]!["value"], (double?)summary["Collection effectiveness index (monthly average)"]);
        Assert.Equal((double)(decimal)kpis["dsoStandard"]!["value"]!, (double)summary["DSO (standard)"]!, 6);
        Assert.Equal(11_000d, (double)summary["Ending AR"]!);
        Assert.Equal(4_000d, (double)summary.Single(s => s.Key.StartsWith("Cash collected (", StringComparison.Ordinal) && !s.Key.Contains("days")).Value!);
        var plan = (await _client.GetFromJsonAsync<JsonObject>($"/api/v1/reports/plan-vs-actual?month={asOf:yyyy-MM}"))!["rows"]!.AsArray()
            .Single(r => (string?)r!["code"] == "DIST")!;
        var planRow = Sheet(xlsx, "Plan vs actual").Single(r => (string?)r["dealerCode"] == "DIST");
        Assert.Equal(8_000d, (double)planRow["planned"]!);
        Assert.Equal((double)(decimal)plan["collected"]!, (double)planRow["collected"]!);
        var overdue = Assert.Single(Sheet(xlsx, "Top overdue"));
        Assert.Equal(("DL1", 6_000d), ((string?)overdue["customerCode"], (double)overdue["overdue"]!));
        var broken = Assert.Single(Sheet(xlsx, "Broken promises"));
        Assert.Equal(1_500d, (double)broken["amount"]!);
        Assert.Equal("AC-2", (string?)Assert.Single(Sheet(xlsx, "Open disputes"))["invoice"]);
        var weeks = Sheet(xlsx, "Expected collections");
        Assert.Equal(13 + 3, weeks.Count);

        // Kept and listed once, its files downloadable; another tenant sees none of it.
        var list = (await _client.GetFromJsonAsync<JsonObject>("/api/v1/reports/periodic"))!;
        var kept = Assert.Single(list["reports"]!.AsArray())!;
        Assert.Equal(("scheduled", "weekly", asOf.ToString("yyyy-MM-dd")), ((string?)kept["trigger"], (string?)kept["frequency"], (string?)kept["periodTo"]));
        Assert.NotNull(kept["emailedAt"]);
        Assert.Equal(xlsx, await _client.GetByteArrayAsync((string)kept["xlsxUrl"]!));
        var pdf = await _client.GetAsync((string)kept["pdfUrl"]!);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        var stranger = _service!.ClientFor(TestTokens.Issue(Guid.CreateVersion7(), "reports.read"));
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync((string)kept["xlsxUrl"]!)).StatusCode);
        Assert.Empty((await stranger.GetFromJsonAsync<JsonObject>("/api/v1/reports/periodic"))!["reports"]!.AsArray());
    }

    [Fact]
    public async Task A_report_made_while_the_mail_server_is_down_is_kept_and_mailed_once_by_a_later_run()
    {
        await SeedAsync();
        var day = ((int)Today.DayOfWeek + 6) % 7 + 1;
        Assert.Equal(HttpStatusCode.OK, (await _client.PutAsJsonAsync("/api/v1/reports/schedules",
            new { frequency = "weekly", day, recipients = new[] { _spoc } })).StatusCode);
        await mail.StopAsync();
        try
        {
            var onDemand = await _client.PostAsJsonAsync("/api/v1/reports/periodic/runs", new { email = true });
            Assert.Equal(HttpStatusCode.Created, onDemand.StatusCode);
            Assert.Contains("mail server", (string?)(await onDemand.Content.ReadFromJsonAsync<JsonObject>())!["mailError"]);
            var failed = (await Runner.TickAsync()).Single(o => o.Tenant == _tenant && o.Job == "periodic-client-reports");
            Assert.False(failed.Succeeded);
            Assert.Contains("not mailed", failed.Error);
        }
        finally
        {
            await mail.StartAsync();
        }

        // The date used its one attempt (MaxAttempts 1 here); the next day's run, on which the schedule does not fall, mails the kept report first.
        Assert.DoesNotContain(await Runner.TickAsync(), o => o.Tenant == _tenant && o.Job == "periodic-client-reports");
        _clock.Advance(TimeSpan.FromDays(1));
        Assert.True((await Runner.TickAsync()).Single(o => o.Tenant == _tenant && o.Job == "periodic-client-reports").Succeeded);
        await Runner.TickAsync();
        var mails = await MailToAsync(_spoc);
        Assert.Equal(Today.AddDays(-8).ToString("dd MMM", System.Globalization.CultureInfo.InvariantCulture), Assert.Single(mails).Subject!.Split(" · ")[2][..6]);
        var reports = (await _client.GetFromJsonAsync<JsonObject>("/api/v1/reports/periodic"))!["reports"]!.AsArray();
        Assert.Equal(["on-demand", "scheduled"], reports.Select(r => (string)r!["trigger"]!).Order());
        Assert.NotNull(reports.Single(r => (string?)r!["trigger"] == "scheduled")!["emailedAt"]);
    }

    [Fact]
    public async Task Bad_schedules_and_runs_are_refused_naming_the_field()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/api/v1/reports/schedules")).StatusCode);

        async Task<JsonObject> RefusedAsync(Task<HttpResponseMessage> request)
        {
            var response = await request;
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            return (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        }

        var errors = await RefusedAsync(_client.PutAsJsonAsync("/api/v1/reports/schedules", new { frequency = "daily", day = 0, recipients = new[] { "not-an-address" } }));
        Assert.Equal(["day", "frequency", "recipients[0]"], errors.Select(e => e.Key).Order());
        errors = await RefusedAsync(_client.PutAsJsonAsync("/api/v1/reports/schedules", new { frequency = "weekly", day = 1, recipients = new[] { "a..b@acme.in" } }));
        Assert.Contains("plain address", (string)errors["recipients[0]"]![0]!);
        Assert.NotNull((await RefusedAsync(_client.PutAsync("/api/v1/reports/schedules",
            new StringContent("{\"frequency\": \"weekly\", \"day\": \"monday\"}", Encoding.UTF8, "application/json"))))["day"]);
        errors = await RefusedAsync(_client.PutAsJsonAsync("/api/v1/reports/schedules", new { frequency = "monthly", day = 31, recipients = Array.Empty<string>() }));
        Assert.Equal(["day", "recipients"], errors.Select(e => e.Key).Order());
        Assert.NotNull((await RefusedAsync(_client.PostAsJsonAsync("/api/v1/reports/periodic/runs", new { from = Today.AddDays(-7) })))["to"]);
        Assert.NotNull((await RefusedAsync(_client.PostAsJsonAsync("/api/v1/reports/periodic/runs", new { from = Today.AddDays(-1), to = Today.AddDays(-5) })))["to"]);
        Assert.NotNull((await RefusedAsync(_client.PostAsJsonAsync("/api/v1/reports/periodic/runs", new { from = Today.AddDays(-1), to = Today })))["to"]);
        Assert.NotNull((await RefusedAsync(_client.PostAsJsonAsync("/api/v1/reports/periodic/runs", new { email = true })))["recipients"]);
        Assert.NotNull((await RefusedAsync(_client.PostAsync("/api/v1/reports/periodic/runs", new StringContent("{oops", Encoding.UTF8, "application/json"))))["body"]);
        Assert.NotNull((await RefusedAsync(_client.GetAsync($"/api/v1/reports/periodic/{Guid.CreateVersion7()}?format=doc")))["format"]);
        Assert.NotNull((await RefusedAsync(_client.GetAsync("/api/v1/reports/periodic?pageSize=0")))["pageSize"]);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync($"/api/v1/reports/periodic/{Guid.CreateVersion7()}")).StatusCode);
        var readOnly = _service!.ClientFor(TestTokens.Issue(_tenant, "reports.read"));
        Assert.Equal(HttpStatusCode.Forbidden, (await readOnly.PutAsJsonAsync("/api/v1/reports/schedules", new { frequency = "weekly", day = 1, recipients = new[] { _spoc } })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await readOnly.PostAsJsonAsync("/api/v1/reports/periodic/runs", new { email = false })).StatusCode);
        Assert.Empty((await _client.GetFromJsonAsync<JsonObject>("/api/v1/reports/periodic"))!["reports"]!.AsArray());

        // An empty body is a report of last month, not mailed (there is no schedule).
        var empty = await _client.PostAsync("/api/v1/reports/periodic/runs", new StringContent("", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, empty.StatusCode);
        Assert.Empty((await empty.Content.ReadFromJsonAsync<JsonObject>())!["recipients"]!.AsArray());
    }
}
