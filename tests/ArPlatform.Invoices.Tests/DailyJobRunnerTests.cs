using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ArPlatform.BuildingBlocks.Jobs;
using ArPlatform.Invoices.Persistence;
using ArPlatform.Invoices.Tenants;
using ArPlatform.ServiceDefaults.Time;
using ArPlatform.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace ArPlatform.Invoices.Tests;

/// <summary>
/// The daily-job runner on Invoices' real database: replicas (several runners on one database), a restart after
/// missed days, a failing tenant and a lease left behind by a killed replica. The service's own runner is off; the
/// runners here run test jobs on a clock the test moves.
/// </summary>
public sealed class DailyJobRunnerTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>, IAsyncLifetime
{
    /// <summary>15:00 in India on 2027-03-10.</summary>
    private static readonly DateTimeOffset Start = new(2027, 3, 10, 9, 30, 0, TimeSpan.Zero);
    private static readonly DateOnly Day = new(2027, 3, 10);
    private readonly FakeTimeProvider _clock = new(Start);
    private readonly Guid[] _tenants = [Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7()];
    private ServiceUnderTest<Program>? _service;

    public async Task InitializeAsync()
    {
        _service = await ServiceUnderTest<Program>.StartAsync(infrastructure, "invoicesdb", new Dictionary<string, string> { ["Jobs:Daily:Enabled"] = "false" });
        foreach (var tenant in _tenants)
        {
            using var scope = _service.Services.CreateScope();
            await KnownTenants.RememberAsync(scope.ServiceProvider.GetRequiredService<InvoicesDbContext>(), tenant, _clock.GetUtcNow(), CancellationToken.None);
        }
    }

    public async Task DisposeAsync()
    {
        if (_service is not null)
        {
            await _service.DisposeAsync();
        }
    }

    private DailyJobRunner<InvoicesDbContext> Replica(params IDailyJob[] jobs) => Replica(TimeSpan.FromMinutes(5), jobs);

    private DailyJobRunner<InvoicesDbContext> Replica(TimeSpan lease, params IDailyJob[] jobs) => new(
        _service!.Services.GetRequiredService<IServiceScopeFactory>(), jobs, _service.Services.GetRequiredService<DailyJobTenants<InvoicesDbContext>>(),
        _clock, new ClockSignal(), Options.Create(new DailyJobOptions { Lease = lease, MaxAttempts = 3 }), NullLogger<DailyJobRunner<InvoicesDbContext>>.Instance);

    [Fact]
    public async Task Two_replicas_run_each_job_once_per_tenant_and_date_in_date_order()
    {
        var (first, second) = (new RecordingJob("test-first"), new RecordingJob("test-second"));
        var (a, b) = (Replica(first, second), Replica(first, second));

        await Task.WhenAll(a.TickAsync(), b.TickAsync(), a.TickAsync(), b.TickAsync());
        _clock.Advance(TimeSpan.FromDays(2));
        await Task.WhenAll(a.TickAsync(), b.TickAsync(), a.TickAsync(), b.TickAsync());

        foreach (var job in new[] { first, second })
        {
            foreach (var tenant in _tenants)
            {
                Assert.Equal([Day, Day.AddDays(1), Day.AddDays(2)], job.DatesOf(tenant));
            }
        }

        Assert.Empty(await a.TickAsync());
    }

    [Fact]
    public async Task A_runner_restarted_after_three_days_catches_up_the_missed_dates_in_order()
    {
        var job = new RecordingJob("test-catch-up");
        await Replica(job).TickAsync();

        _clock.Advance(TimeSpan.FromDays(3)); // the service is down meanwhile
        var outcomes = await Replica(job).TickAsync();

        Assert.All(_tenants, tenant => Assert.Equal([Day, Day.AddDays(1), Day.AddDays(2), Day.AddDays(3)], job.DatesOf(tenant)));
        Assert.Equal(9, outcomes.Count);
        Assert.All(outcomes, o => Assert.True(o.Succeeded));
    }

    [Fact]
    public async Task A_tenant_whose_job_throws_is_recorded_failed_counted_and_retried_while_the_others_and_later_dates_go_on()
    {
        var broken = _tenants[0];
        var job = new RecordingJob("test-failing-" + Guid.NewGuid().ToString("N")[..8]) { Failing = broken };
        var counted = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == TenantLoop.FailureCounter)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            if (tags.ToArray().Any(t => t.Key == "job" && (string?)t.Value == job.Name))
            {
                Interlocked.Add(ref counted, (int)value);
            }
        });
        listener.Start();
        var runner = Replica(job);

        var outcomes = await runner.TickAsync();
        _clock.Advance(TimeSpan.FromDays(1));
        outcomes = [.. outcomes, .. await runner.TickAsync()];

        Assert.Equal([Day, Day.AddDays(1)], job.DatesOf(_tenants[1]));
        Assert.Equal([Day, Day.AddDays(1)], job.DatesOf(_tenants[2]));
        // The broken tenant: its first date failed, was tried again at the next tick before the next date, which failed too.
        Assert.Equal([Day, Day, Day.AddDays(1)], job.DatesOf(broken));
        Assert.Equal(3, outcomes.Count(o => !o.Succeeded));
        Assert.All(outcomes.Where(o => !o.Succeeded), o => Assert.Equal((broken, "cannot subtract infinite dates"), (o.Tenant, o.Error)));
        Assert.Equal(3, counted);

        using var admin = _service!.ClientFor(TestTokens.Issue(null, "platform.admin"));
        var runs = (await admin.GetFromJsonAsync<JsonObject>($"/platform/jobs?job={job.Name}"))!["runs"]!.AsArray();
        Assert.Equal(["2027-03-11", "2027-03-10"], runs.Select(r => (string)r!["businessDate"]!));
        var first = runs[1]!;
        Assert.Equal((2, 0), ((int)first["tenantsDone"]!, (int)first["tenantsRunning"]!));
        var failed = Assert.Single(first["tenantsFailed"]!.AsArray())!;
        Assert.Equal((broken.ToString(), "cannot subtract infinite dates", 2), ((string)failed["tenantId"]!, (string)failed["error"]!, (int)failed["attempts"]!));
        Assert.NotNull((string?)first["finished"]);

        // Fixed: the next tick runs both failed dates, oldest first.
        job.Failing = null;
        await runner.TickAsync();
        Assert.Equal([Day, Day, Day.AddDays(1), Day, Day.AddDays(1)], job.DatesOf(broken));
        Assert.Equal(HttpStatusCode.Forbidden, (await _service.ClientFor(TestTokens.Issue(null, "invoices.read")).GetAsync("/platform/jobs")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("/platform/jobs?from=2027-03-11&to=2027-03-10")).StatusCode);
    }

    [Fact]
    public async Task A_run_left_behind_by_a_killed_replica_is_taken_over_when_its_lease_runs_out()
    {
        var job = new RecordingJob("test-lease");
        var lease = TimeSpan.FromMinutes(5);
        // What a replica killed in the middle of its run leaves: its claim, with a lease it will never renew.
        await using (var connection = new NpgsqlConnection(_service!.Database.Admin))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("""
                INSERT INTO daily_job_runs (job, tenant_id, business_date, status, attempts, owner, lease_until, started_at)
                VALUES (@job, @tenant, @day, 'running', 1, @owner, @until, @now)
                """, connection);
            command.Parameters.AddWithValue("job", job.Name);
            command.Parameters.AddWithValue("tenant", _tenants[0]);
            command.Parameters.AddWithValue("day", Day);
            command.Parameters.AddWithValue("owner", Guid.NewGuid());
            command.Parameters.AddWithValue("until", Start + lease);
            command.Parameters.AddWithValue("now", Start);
            await command.ExecuteNonQueryAsync();
        }

        var survivor = Replica(lease, job);
        await survivor.TickAsync();
        Assert.Empty(job.DatesOf(_tenants[0])); // still leased: left to its holder
        Assert.Equal([Day], job.DatesOf(_tenants[1]));

        _clock.Advance(lease + TimeSpan.FromSeconds(1));
        var outcome = Assert.Single(await survivor.TickAsync());

        Assert.Equal((_tenants[0], Day, 2, true), (outcome.Tenant, outcome.BusinessDate, outcome.Attempt, outcome.Succeeded));
        Assert.Equal([Day], job.DatesOf(_tenants[0]));
    }

    /// <summary>A job that records each call and can fail for one tenant.</summary>
    private sealed class RecordingJob(string name) : IDailyJob
    {
        private readonly ConcurrentQueue<(Guid Tenant, DateOnly Date)> _calls = new();

        public string Name => name;

        public Guid? Failing { get; set; }

        public async Task RunAsync(Guid tenant, DateOnly businessDate, CancellationToken cancellationToken)
        {
            _calls.Enqueue((tenant, businessDate));
            await Task.Delay(20, cancellationToken); // long enough for the replicas to meet
            if (tenant == Failing)
            {
                throw new InvalidOperationException("cannot subtract infinite dates");
            }
        }

        public List<DateOnly> DatesOf(Guid tenant) => [.. _calls.Where(c => c.Tenant == tenant).Select(c => c.Date)];
    }
}
