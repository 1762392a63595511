using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;

namespace ArPlatform.Testing;

/// <summary>
/// Starts an Aspire application for a test and waits until the named resources are healthy. When that takes longer
/// than allowed it fails with what a person would look at in the dashboard: every resource's state and health, and
/// the last lines printed by each one that is not healthy.
/// </summary>
public static class AppStartup
{
    private const int LogLinesPerResource = 40;

    public static async Task<TimeSpan> StartHealthyAsync(DistributedApplication app, TimeSpan timeout, params string[] resources)
    {
        var notifications = app.Services.GetRequiredService<ResourceNotificationService>();
        var latest = new ConcurrentDictionary<string, ResourceEvent>();
        using var watching = new CancellationTokenSource();
        var watcher = WatchAsync(notifications, latest, watching.Token);
        using var deadline = new CancellationTokenSource(timeout);
        var started = Stopwatch.StartNew();
        try
        {
            await app.StartAsync(deadline.Token);
            var startReturned = started.Elapsed;
            await Task.WhenAll(resources.Select(name => notifications.WaitForResourceHealthyAsync(name, deadline.Token)));
            Console.WriteLine($"AppStartup: StartAsync returned after {startReturned.TotalSeconds:F1} s, " +
                $"{string.Join(", ", resources)} healthy after {started.Elapsed.TotalSeconds:F1} s");
            return started.Elapsed;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            throw new TimeoutException(
                $"{string.Join(", ", resources)} not healthy after {timeout.TotalSeconds:F0} s.\n" + await ReportAsync(app, latest));
        }
        finally
        {
            await watching.CancelAsync();
            await watcher;
        }
    }

    private static async Task WatchAsync(ResourceNotificationService notifications, ConcurrentDictionary<string, ResourceEvent> latest, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var resourceEvent in notifications.WatchAsync(cancellationToken))
            {
                latest[resourceEvent.ResourceId] = resourceEvent;
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static async Task<string> ReportAsync(DistributedApplication app, ConcurrentDictionary<string, ResourceEvent> latest)
    {
        var logs = app.Services.GetRequiredService<ResourceLoggerService>();
        var report = new StringBuilder();
        foreach (var (id, resourceEvent) in latest.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            var snapshot = resourceEvent.Snapshot;
            var unhealthy = snapshot.HealthReports.Where(h => h.Status != Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy)
                .Select(h => $"{h.Name}: {h.Status} {h.Description} {h.ExceptionText?.Split('\n')[0]}");
            report.AppendLine($"- {id}: state {snapshot.State?.Text ?? "none"}, health {snapshot.HealthStatus?.ToString() ?? "none"}" +
                (snapshot.ExitCode is { } exit ? $", exit code {exit}" : "") +
                (unhealthy.Any() ? $" ({string.Join("; ", unhealthy)})" : ""));
            if (snapshot.HealthStatus == Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy)
            {
                continue;
            }

            foreach (var line in await LastLinesAsync(logs, id))
            {
                report.AppendLine($"    {line}");
            }
        }

        return report.ToString();
    }

    private static async Task<IReadOnlyList<string>> LastLinesAsync(ResourceLoggerService logs, string resourceId)
    {
        var lines = new Queue<string>();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await foreach (var batch in logs.GetAllAsync(resourceId).WithCancellation(limit.Token))
            {
                foreach (var line in batch)
                {
                    lines.Enqueue(line.Content);
                    if (lines.Count > LogLinesPerResource)
                    {
                        lines.Dequeue();
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            lines.Enqueue("(log read timed out)");
        }

        return [.. lines];
    }
}
