using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ArPlatform.BuildingBlocks.Messaging;
using ArPlatform.Contracts;
using ArPlatform.Invoices.Notices;
using ArPlatform.Invoices.Persistence;
using ArPlatform.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ArPlatform.Invoices.Tests;

/// <summary>The daily overdue and due-soon run against real PostgreSQL: once per invoice, also with two runs racing.</summary>
public sealed class InvoiceNoticeJobTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>, IAsyncLifetime
{
    private readonly Guid _tenant = Guid.CreateVersion7();
    private readonly Guid _customer = Guid.CreateVersion7();
    private ServiceUnderTest<Program>? _service;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        // The daily-job runner is off here; the test drives the jobs itself with fixed business dates.
        _service = await ServiceUnderTest<Program>.StartAsync(infrastructure, "invoicesdb", new Dictionary<string, string> { ["Jobs:Daily:Enabled"] = "false" });
        _client = _service.ClientFor(TestTokens.Issue(_tenant, "invoices.read", "invoices.write", "credits.approve"));
        await KnownCustomers.RegisterAsync(_service.Services, _tenant, _customer, "LATE-1");
    }

    public async Task DisposeAsync()
    {
        if (_service is not null)
        {
            await _service.DisposeAsync();
        }
    }

    [Fact]
    public async Task Each_invoice_is_announced_overdue_once_and_due_soon_once_even_when_two_replicas_run_together()
    {
        await IssueAsync("N-OVERDUE", "2026-11-10", 1000m);
        await IssueAsync("N-SOON", "2026-11-24", 500m);
        await IssueAsync("N-LATER", "2026-12-20", 700m);
        await IssueAsync("N-PAID", "2026-11-01", 300m);
        var cancelled = await IssueAsync("N-CANCELLED", "2026-11-01", 200m);
        (await _client.PostAsJsonAsync($"/api/v1/invoices/{cancelled}/cancel", new { reason = "wrong customer" })).EnsureSuccessStatusCode();
        (await _client.PostAsJsonAsync("/api/v1/payments", new
        {
            customerId = _customer,
            amount = 300m,
            receivedOn = "2026-10-20",
            mode = "UPI",
            reference = "UPI1",
            allocations = new[] { new { invoiceNumber = "N-PAID", amount = 300m } },
        })).EnsureSuccessStatusCode();

        var job = _service!.Services.GetRequiredService<InvoiceNoticeJob>();
        var today = new DateOnly(2026, 11, 22);
        var runs = await Task.WhenAll(job.NoticeAsync(_tenant, today), job.NoticeAsync(_tenant, today));
        Assert.Equal((1, 1), (runs.Sum(r => r.Overdue), runs.Sum(r => r.DueSoon)));
        Assert.Equal((0, 0), await job.NoticeAsync(_tenant, today));
        Assert.Equal((0, 0), await job.NoticeAsync(_tenant, today.AddDays(1)));

        var overdue = await EventsAsync<InvoiceBecameOverdue>();
        Assert.Equal("N-OVERDUE", Assert.Single(overdue).Number);
        Assert.Equal(1000m, overdue[0].OpenAmount);
        var soon = Assert.Single(await EventsAsync<InvoiceDueSoon>());
        Assert.Equal(("N-SOON", 2), (soon.Number, soon.DaysToDue));

        // The tenant announces a month ahead: the December invoice is due soon now, and on 2026-11-25 N-SOON is overdue.
        var settings = await _client.PutAsJsonAsync("/api/v1/invoices/settings", new { dueSoonDays = 30 });
        settings.EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.BadRequest, (await _client.PutAsJsonAsync("/api/v1/invoices/settings", new { dueSoonDays = 400 })).StatusCode);
        Assert.Equal((1, 1), await job.NoticeAsync(_tenant, new DateOnly(2026, 11, 25)));
        Assert.Equal(["N-OVERDUE", "N-SOON"], (await EventsAsync<InvoiceBecameOverdue>()).Select(e => e.Number).Order());
    }

    [Fact]
    public async Task The_monthly_job_produces_each_customers_statement_once()
    {
        await IssueAsync("M-1", "2026-10-31", 1000m);
        (await _client.PostAsJsonAsync("/api/v1/payments", new { customerId = _customer, amount = 250m, receivedOn = "2026-10-15", mode = "NEFT", reference = "UTR-M" }))
            .EnsureSuccessStatusCode();
        var job = _service!.Services.GetRequiredService<Statements.MonthlyStatementJob>();

        await Task.WhenAll(job.ProduceAsync(_tenant, new DateOnly(2026, 10, 1)), job.ProduceAsync(_tenant, new DateOnly(2026, 10, 1)));
        Assert.Equal(0, await job.ProduceAsync(_tenant, new DateOnly(2026, 10, 1)));

        var october = await _client.GetFromJsonAsync<System.Text.Json.Nodes.JsonObject>($"/api/v1/statements/{_customer}/monthly/2026-10");
        Assert.Equal((0m, 750m), ((decimal)october!["openingBalance"]!, (decimal)october["closingBalance"]!));
        Assert.Equal(2, october["lines"]!.AsArray().Count);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync($"/api/v1/statements/{_customer}/monthly/2026-09")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _client.GetAsync($"/api/v1/statements/{_customer}/monthly/october")).StatusCode);
    }

    private async Task<List<T>> EventsAsync<T>()
    {
        using var scope = _service!.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<InvoicesDbContext>();
        var type = OutboxModel.TypeName(typeof(T));
        var bodies = await db.OutboxMessages.IgnoreQueryFilters().AsNoTracking().Where(m => m.Type == type && m.TenantId == _tenant).Select(m => m.Body).ToListAsync();
        return [.. bodies.Select(b => JsonSerializer.Deserialize<T>(b, OutboxModel.Json)!)];
    }

    private async Task<string> IssueAsync(string number, string dueDate, decimal amount)
    {
        var response = await _client.PostAsJsonAsync("/api/v1/invoices", new { number, customerId = _customer, invoiceDate = "2026-10-01", dueDate, amount, currency = "INR" });
        response.EnsureSuccessStatusCode();
        return (string)(await response.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>())!["id"]!;
    }
}
