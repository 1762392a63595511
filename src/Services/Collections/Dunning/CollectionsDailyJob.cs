using ArPlatform.BuildingBlocks.Jobs;
using ArPlatform.BuildingBlocks.Tenancy;
using ArPlatform.BuildingBlocks.Time;
using ArPlatform.Collections.Activities;
using ArPlatform.Collections.Disputes;
using ArPlatform.Collections.Persistence;
using ArPlatform.Collections.Promises;
using ArPlatform.ServiceDefaults.Http;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Collections.Dunning;

/// <summary>
/// Collections' day, once per tenant and business date in order (ADR 0016): promises whose window ended are kept or
/// broken, disputes past their SLA are flagged, a call that said "disputed" a day ago with no dispute raised becomes a
/// task, and — for today only — the dunning run. Dates caught up after the service was down, or the test clock jumped,
/// do all but the dunning run, so a catch-up gives an account at most one action, its latest due step, with the steps
/// it passed over recorded as skipped (missed run).
/// </summary>
public sealed class CollectionsDailyJob(IServiceScopeFactory scopes, DunningRunner runner, TimeProvider clock, ILogger<CollectionsDailyJob> logger) : IDailyJob
{
    public string Name => "collections-day";

    public async Task RunAsync(Guid tenant, DateOnly businessDate, CancellationToken cancellationToken)
    {
        using (var scope = scopes.CreateScope())
        {
            scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenant);
            var db = scope.ServiceProvider.GetRequiredService<CollectionsDbContext>();
            var broken = await scope.ServiceProvider.GetRequiredService<PromiseKeeper>().CloseWindowsAsync(businessDate, cancellationToken);
            var breached = await DisputeSla.FlagBreachesAsync(db, EndOf(businessDate), clock.GetUtcNow(), cancellationToken);
            var complaints = await ComplaintCatcher.CatchAsync(db, businessDate, Min(EndOf(businessDate), clock.GetUtcNow()), clock, cancellationToken);
            // The rows of yesterday's worklist are made again in the background, before collectors ask for them.
            await scope.ServiceProvider.GetRequiredService<Worklist.WorklistEntries>().MarkOutdatedAsync(businessDate, cancellationToken);
            if (broken + breached + complaints > 0)
            {
                logger.LogInformation("Collections day {Date} of tenant {Tenant}: {Broken} promises broken, {Breached} disputes past SLA, {Complaints} disputed calls to follow up",
                    businessDate, tenant, broken, breached, complaints);
            }
        }

        if (businessDate == BusinessDate.Today(clock))
        {
            var run = await runner.StartAsync(tenant, businessDate, RunTriggers.Daily, cancellationToken);
            var done = await runner.RunAsync(tenant, run.Id, cancellationToken);
            if (done.Status != DunningRunStatuses.Completed)
            {
                // The daily-job runner records the date as failed and tries it again: what committed stays done, once.
                throw new InvalidOperationException($"The dunning run {run.Id} for {businessDate:yyyy-MM-dd} failed: {done.Error}");
            }
        }
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    /// <summary>The first instant after <paramref name="date"/> in India.</summary>
    public static DateTimeOffset EndOf(DateOnly date) =>
        India.StartOf(date.AddDays(1));
}

/// <summary>Complaints caught: a call logged as "disputed" with no dispute raised on the account within a day becomes a task.</summary>
public static class ComplaintCatcher
{
    /// <summary>Makes the tasks for the calls logged a full day before <paramref name="asOf"/>; returns how many.</summary>
    public static async Task<int> CatchAsync(CollectionsDbContext db, DateOnly date, DateTimeOffset asOf, TimeProvider clock, CancellationToken cancellationToken)
    {
        var dayBefore = asOf.AddDays(-1);
        var calls = await db.Activities
            .Where(a => a.Disposition == Dispositions.Disputed && a.DisputeId == null && !a.ComplaintChecked && a.OccurredAt <= dayBefore)
            .ToListAsync(cancellationToken);
        var created = 0;
        foreach (var call in calls)
        {
            call.ComplaintChecked = true;
            if (await db.Disputes.AnyAsync(d => d.CustomerId == call.CustomerId && d.RaisedAt >= call.OccurredAt, cancellationToken))
            {
                continue; // raised meanwhile: caught already
            }

            var assignee = await db.Accounts.Where(a => a.CustomerId == call.CustomerId).Select(a => a.Collector).SingleOrDefaultAsync(cancellationToken);
            var task = new CollectionTask
            {
                Id = Guid.CreateVersion7(clock.GetUtcNow()),
                CustomerId = call.CustomerId,
                Kind = TaskKinds.RaiseDispute,
                Title = $"The customer disputed on the call of {call.BusinessDate:dd-MMM-yyyy}: raise the dispute (invoice, reason, amount) so it reaches the client",
                DueDate = date,
                Assignee = assignee ?? call.LoggedBy,
                Status = TaskStatuses.Open,
                CreatedAt = clock.GetUtcNow(),
            };
            db.Tasks.Add(task);
            call.FollowUpTaskId = task.Id;
            created++;
        }

        await db.SaveChangesAsync(cancellationToken);
        return created;
    }
}
