using System.Diagnostics.Metrics;
using ArPlatform.BuildingBlocks.Jobs;
using Microsoft.Extensions.Logging;

namespace ArPlatform.Customers.Tests;

/// <summary>The loop every job runs over the tenants: one tenant's failure is logged and counted, the others go on.</summary>
public sealed class TenantLoopTests
{
    [Fact]
    public async Task A_tenant_whose_work_throws_is_logged_with_its_cause_and_counted_and_the_next_tenant_is_still_done()
    {
        var (first, second) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        var job = "test job " + Guid.NewGuid().ToString("N");
        var counted = new List<(long Value, string? Job)>();
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
            var tagged = tags.ToArray().SingleOrDefault(t => t.Key == "job").Value as string;
            if (tagged == job)
            {
                lock (counted)
                {
                    counted.Add((value, tagged));
                }
            }
        });
        listener.Start();
        var logger = new ListLogger();
        var done = new List<Guid>();

        var failed = await TenantLoop.ForEachAsync([first, second], job, logger, (tenant, _) =>
        {
            if (tenant == first)
            {
                throw new InvalidOperationException("cannot subtract infinite dates");
            }

            done.Add(tenant);
            return Task.CompletedTask;
        }, CancellationToken.None);

        Assert.Equal([second], done);
        Assert.Equal([first], failed);
        var error = Assert.Single(logger.Entries, e => e.Level == LogLevel.Error);
        Assert.Contains(first.ToString(), error.Message, StringComparison.Ordinal);
        Assert.Contains("cannot subtract infinite dates", error.Message, StringComparison.Ordinal);
        Assert.Equal([(1L, (string?)job)], counted);
    }

    [Fact]
    public async Task Stopping_the_service_ends_the_loop_instead_of_counting_a_failure()
    {
        using var stopping = new CancellationTokenSource();
        var logger = new ListLogger();
        var seen = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => TenantLoop.ForEachAsync([Guid.NewGuid(), Guid.NewGuid()], "stopping", logger,
            async (_, ct) =>
            {
                seen++;
                await stopping.CancelAsync();
                ct.ThrowIfCancellationRequested();
            }, stopping.Token));

        Assert.Equal(1, seen);
        Assert.Empty(logger.Entries);
    }

    private sealed class ListLogger : ILogger
    {
        public List<(LogLevel Level, string Message)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add((logLevel, formatter(state, exception)));
    }
}
