using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ArPlatform.BuildingBlocks.Jobs;
using ArPlatform.Contracts;
using ArPlatform.Reporting.Persistence;
using ArPlatform.ServiceDefaults.Http;
using ArPlatform.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ArPlatform.Reporting.Tests;

/// <summary>The daily job keeps each day's forecast; a week later it is set beside what was collected.</summary>
public sealed class ForecastAccuracyTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>, IAsyncLifetime
{
    private readonly Guid _tenant = Guid.CreateVersion7();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(BusinessDate.Today(TimeProvider.System).ToDateTime(new TimeOnly(12, 0)), TimeSpan.FromHours(5.5)).ToUniversalTime());
    private ServiceUnderTest<Program>? _service;
    private HttpClient _client = null!;

    private DateOnly Today => BusinessDate.Today(_clock);

    public async Task InitializeAsync()
    {
        _service = await ServiceUnderTest<Program>.StartAsync(infrastructure, "reportingdb", new Dictionary<string, string> { ["Jobs:Daily:Enabled"] = "false" },
            services => services.AddSingleton<TimeProvider>(_clock));
        _client = _service.ClientFor(TestTokens.Issue(_tenant, "reports.read"));
    }

    public async Task DisposeAsync()
    {
        if (_service is not null)
        {
            await _service.DisposeAsync();
        }
    }

    private DailyJobRunner<ReportingDbContext> Runner => _service!.Services.GetRequiredService<DailyJobRunner<ReportingDbContext>>();

    [Fact]
    public async Task A_kept_forecast_is_compared_with_what_came_in_its_week_and_a_promise_moves_the_next_one()
    {
        var customer = Guid.CreateVersion7();
        var start = Today;
        var soon = Events.InvoiceIssued(_tenant, "F-1", start.AddDays(-27), start.AddDays(3), 2_000m) with { CustomerId = customer };
        var later = Events.InvoiceIssued(_tenant, "F-2", start.AddDays(-10), start.AddDays(20), 1_000m) with { CustomerId = customer };
        await Events.PublishAnyAsync(_service!.Services, new TenantCreated(_tenant, "FC", "Forecast Co", DateTimeOffset.UtcNow));
        await Events.PublishAnyAsync(_service.Services, soon);
        await Events.PublishAnyAsync(_service.Services, later);
        await ServiceHost.EventuallyAsync(async () =>
            (decimal)(await _client.GetFromJsonAsync<JsonObject>("/api/v1/reports/expected-collections?weeks=4"))!["groups"]![0]!["weeks"]![0]!["expected"]! == 2_000m,
            "the invoices");
        Assert.All(await Runner.TickAsync(), o => Assert.True(o.Succeeded, o.Error));

        // Of the 2,000 expected in the first week, 1,500 came; the customer then promised the 1,000 for the week after next.
        await Events.PublishAnyAsync(_service.Services,
            new PaymentAllocated(_tenant, Guid.CreateVersion7(), customer, soon.InvoiceId, soon.Number, soon.DueDate, start.AddDays(4), 1_500m, 0m, 0m));
        _clock.Advance(TimeSpan.FromDays(7));
        await Events.PublishAnyAsync(_service.Services, new PromiseToPayMade(_tenant, Guid.CreateVersion7(), customer, 1_000m, Today.AddDays(8), ["F-2"], DateTimeOffset.UtcNow));
        await ServiceHost.EventuallyAsync(async () =>
            (decimal)(await _client.GetFromJsonAsync<JsonObject>("/api/v1/reports/expected-collections?weeks=4"))!["groups"]![0]!["weeks"]![1]!["fromPromises"]! == 1_000m,
            "the payment and the promise");
        Assert.All(await Runner.TickAsync(), o => Assert.True(o.Succeeded, o.Error));

        // The forecast of a past day is the one kept that day, not one made now with what came since.
        var kept = (await _client.GetFromJsonAsync<JsonObject>($"/api/v1/reports/expected-collections?asOf={start:yyyy-MM-dd}&weeks=2"))!;
        Assert.Equal((2_000m, 2), ((decimal)kept["groups"]![0]!["weeks"]![0]!["expected"]!, kept["groups"]![0]!["weeks"]!.AsArray().Count));
        Assert.Equal(1_000m, (decimal)kept["groups"]![0]!["later"]!["amount"]!); // F-2, expected in week 3 of the 13 kept
        foreach (var (query, field) in new[]
                 {
                     ($"asOf={start.AddDays(-1):yyyy-MM-dd}", "asOf"), ($"asOf={start:yyyy-MM-dd}&groupBy=dealer", "groupBy"),
                     ($"asOf={start:yyyy-MM-dd}&weeks=20", "weeks"), ($"asOf={Today.AddDays(1):yyyy-MM-dd}", "asOf"),
                 })
        {
            var refused = await _client.GetAsync($"/api/v1/reports/expected-collections?{query}");
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.NotNull((await refused.Content.ReadFromJsonAsync<JsonObject>())!["errors"]![field]);
        }

        var accuracy = (await _client.GetFromJsonAsync<JsonObject>("/api/v1/reports/forecast-accuracy?weeks=2"))!;
        var week = accuracy["rows"]![0]!;
        Assert.Equal((start.ToString("yyyy-MM-dd"), start.AddDays(6).ToString("yyyy-MM-dd")), ((string?)week["from"], (string?)week["to"]));
        Assert.Equal((2_000m, 1_500m, -500m, 33.33m), ((decimal)week["expected"]!, (decimal)week["collected"]!, (decimal)week["error"]!, (decimal)week["absolutePercentError"]!));
        Assert.Null(accuracy["rows"]![1]!["expected"]); // no forecast was kept the week before
        Assert.Equal((1, 33.33m), ((int)accuracy["totals"]!["weeksCompared"]!, (decimal)accuracy["totals"]!["weightedAbsolutePercentError"]!));

        // No forecast was kept two weeks before the last week; the one kept today holds the promise in the week of its date.
        Assert.Null((await _client.GetFromJsonAsync<JsonObject>("/api/v1/reports/forecast-accuracy?weeks=1&horizon=2"))!["rows"]![0]!["expected"]);
        var csv = await _client.GetStringAsync("/api/v1/reports/forecast-accuracy?weeks=1&format=csv");
        Assert.Contains("2000.00,1500.00,-500.00,33.33", csv);

        _clock.Advance(TimeSpan.FromDays(14));
        var horizon2 = (await _client.GetFromJsonAsync<JsonObject>("/api/v1/reports/forecast-accuracy?weeks=1&horizon=2"))!["rows"]![0]!;
        Assert.Equal((start.AddDays(7).ToString("yyyy-MM-dd"), 1_000m), ((string?)horizon2["forecastMadeOn"], (decimal)horizon2["expected"]!));

        var stranger = _service.ClientFor(TestTokens.Issue(Guid.CreateVersion7(), "reports.read"));
        Assert.Null((await stranger.GetFromJsonAsync<JsonObject>("/api/v1/reports/forecast-accuracy?weeks=1"))!["rows"]![0]!["expected"]);
        Assert.Equal(HttpStatusCode.BadRequest, (await _client.GetAsync("/api/v1/reports/forecast-accuracy?weeks=0&horizon=14")).StatusCode);
    }
}
