using System.Diagnostics;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ArPlatform.AppHost;

/// <summary>Prints each resource's way to healthy as it happens, so that a slow start says what it is waiting for.</summary>
internal static class StartupProgress
{
    public static async Task WatchAsync(ResourceNotificationService notifications, Stopwatch started, CancellationToken cancellationToken)
    {
        HashSet<string> running = [], healthy = [];
        try
        {
            await foreach (var change in notifications.WatchAsync(cancellationToken))
            {
                var (id, snapshot) = (change.ResourceId, change.Snapshot);
                if (snapshot.State?.Text == KnownResourceStates.Running && running.Add(id))
                {
                    Console.WriteLine($"  {started.Elapsed.TotalSeconds,5:F1} s  {id} running");
                }

                if (snapshot.HealthStatus == HealthStatus.Healthy && healthy.Add(id))
                {
                    Console.WriteLine($"  {started.Elapsed.TotalSeconds,5:F1} s  {id} healthy");
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
