using System.Net.Http.Json;
using System.Text.Json;
using ArPlatform.BuildingBlocks.Jobs;
using ArPlatform.BuildingBlocks.Messaging;
using ArPlatform.Contracts;
using ArPlatform.Invoices.Notices;
using ArPlatform.Invoices.Persistence;
using ArPlatform.ServiceDefaults.Http;
using ArPlatform.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ArPlatform.Invoices.Tests;

/// <summary>Invoices on the platform test clock: moving the clock past a due date runs the daily notices for each date passed.</summary>
public sealed class TestClockNoticeTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>, IAsyncLifetime
{
    private readonly Guid _tenant = Guid.CreateVersion7();
    private readonly Guid _customer = Guid.CreateVersion7();
    private ServiceUnderTest<Program>? _service;

    public async Task InitializeAsync() =>
        _service = await ServiceUnderTest<Program>.StartAsync(infrastructure, "invoicesdb", new Dictionary<string, string>
        {
            ["Platform:TestClock"] = "true",
            // A Redis database of its own: the clock's offset is one key, and no other test here moves it.
            ["ConnectionStrings:cache"] = infrastructure.Redis.GetConnectionString() + ",defaultDatabase=3",
            ["Jobs:Daily:PollInterval"] = "00:00:05",
        });

    public async Task DisposeAsync()
    {
        if (_service is not null)
        {
            await _service.DisposeAsync();
        }
    }

    [Fact]
    public async Task With_the_clock_moved_past_the_due_date_the_overdue_notice_is_published_once_even_when_the_runner_runs_twice()
    {
        var services = _service!.Services;
        var clock = services.GetRequiredService<TimeProvider>();
        var today = BusinessDate.Today(clock);
        await KnownCustomers.RegisterAsync(services, _tenant, _customer, "CLOCK-1");
        var client = _service.ClientFor(TestTokens.Issue(_tenant, "invoices.read", "invoices.write"));
        var due = today.AddDays(10);
        (await client.PostAsJsonAsync("/api/v1/invoices", new
        {
            number = "CLOCK-INV-1",
            customerId = _customer,
            invoiceDate = today.ToString("yyyy-MM-dd"),
            dueDate = due.ToString("yyyy-MM-dd"),
            amount = 1000m,
            currency = "INR",
        })).EnsureSuccessStatusCode();
        await ServiceHost.EventuallyAsync(async () =>
        {
            using var scope = services.CreateScope();
            var runs = await DailyJobQueries.RunsAsync(scope.ServiceProvider.GetRequiredService<InvoicesDbContext>(), "invoice-notices", today, today, CancellationToken.None);
            return runs.Runs.Any(r => r.TenantsDone > 0);
        }, "the first day's notices", 30);
        Assert.Empty(await OverdueAsync());

        // The runner has seen the tenant on the first day; then the platform moves 40 days, as PUT /api/v1/platform/clock {"advanceDays": 40} does through the gateway.
        await services.GetRequiredService<ServiceDefaults.Time.PlatformClockStore>().AdvanceAsync(TimeSpan.FromDays(40));
        await ServiceHost.EventuallyAsync(() => Task.FromResult(BusinessDate.Today(clock) >= today.AddDays(40)), "the service's clock to follow the platform's", 2);
        await ServiceHost.EventuallyAsync(async () => (await OverdueAsync()).Count > 0, "the overdue notice", 30);

        // A second replica's runner and the job itself again: nothing more is published.
        await ActivatorUtilities.CreateInstance<DailyJobRunner<InvoicesDbContext>>(services).TickAsync();
        await services.GetRequiredService<InvoiceNoticeJob>().NoticeAsync(_tenant, BusinessDate.Today(clock));
        var overdue = Assert.Single(await OverdueAsync());
        Assert.Equal(("CLOCK-INV-1", due.AddDays(1)), (overdue.Number, overdue.DetectedOn));
    }

    private async Task<List<InvoiceBecameOverdue>> OverdueAsync()
    {
        using var scope = _service!.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<InvoicesDbContext>();
        var type = OutboxModel.TypeName(typeof(InvoiceBecameOverdue));
        var bodies = await db.OutboxMessages.IgnoreQueryFilters().AsNoTracking().Where(m => m.Type == type && m.TenantId == _tenant).Select(m => m.Body).ToListAsync();
        return [.. bodies.Select(b => JsonSerializer.Deserialize<InvoiceBecameOverdue>(b, OutboxModel.Json)!)];
    }
}
