using ArPlatform.Collections.Activities;
using ArPlatform.Collections.Persistence;
using ArPlatform.ServiceDefaults.Http;
using ArPlatform.ServiceDefaults.Security;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Collections.Worklist;

public sealed record CollectorLoadRow(string? Collector, int Accounts, decimal Overdue, int Urgent, int TasksDue);

/// <summary>Each collector's load in the tenant, for a team lead deciding reassignments: from the kept worklist rows.</summary>
public static class CollectorLoad
{
    /// <summary>A row at or above this score is counted as urgent (a promise due today or a step due, with an overdue amount).</summary>
    public const int UrgentScore = 30;

    public static void MapCollectorLoad(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/collections/collectors", GetAsync).WithTags("Worklist").RequireTenantScope(Scopes.CollectionsRead).WithName("ListCollectorLoad")
            .WithSummary($"Each collector's accounts, overdue amount, urgent accounts (score {UrgentScore} or more) and open tasks due by today; accounts with no collector under null.");

    private static async Task<IResult> GetAsync(CollectionsDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var today = BusinessDate.Today(clock);
        var load = await db.Set<WorklistEntry>().AsNoTracking().GroupBy(e => e.Collector)
            .Select(g => new { Collector = g.Key, Accounts = g.Count(), Overdue = g.Sum(e => e.Overdue), Urgent = g.Count(e => e.Score >= UrgentScore) })
            .ToListAsync(ct);
        var tasks = await db.Tasks.AsNoTracking().Where(t => t.Status == TaskStatuses.Open && t.DueDate <= today).GroupBy(t => t.Assignee)
            .Select(g => new { Assignee = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Assignee ?? "", g => g.Count, ct);
        return TypedResults.Ok(load.OrderByDescending(l => l.Overdue)
            .Select(l => new CollectorLoadRow(l.Collector, l.Accounts, l.Overdue, l.Urgent, tasks.GetValueOrDefault(l.Collector ?? ""))).ToList());
    }
}
