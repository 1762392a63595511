using ArPlatform.Collections.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Collections.Disputes;

/// <summary>A dispute's SLA: the response hours of the department it went to (the SPOC's default otherwise), from when it was raised.</summary>
public static class DisputeSla
{
    /// <summary>Flags the active disputes whose SLA ended before <paramref name="until"/> (and by now); returns how many.</summary>
    public static Task<int> FlagBreachesAsync(CollectionsDbContext db, DateTimeOffset until, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var limit = until < now ? until : now;
        return db.Disputes
            .Where(d => (d.Status == DisputeStatuses.Open || d.Status == DisputeStatuses.InReview) && d.SlaBreachedAt == null && d.SlaDueAt != null && d.SlaDueAt < limit)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.SlaBreachedAt, d => d.SlaDueAt), cancellationToken);
    }

    /// <summary>Past its SLA: flagged by the daily job, or still active with its response time gone by <paramref name="now"/>.</summary>
    public static System.Linq.Expressions.Expression<Func<Dispute, bool>> Past(DateTimeOffset now) =>
        d => d.SlaBreachedAt != null || ((d.Status == DisputeStatuses.Open || d.Status == DisputeStatuses.InReview) && d.SlaDueAt < now);

    /// <summary>The negation of <see cref="Past"/>, for queries.</summary>
    public static System.Linq.Expressions.Expression<Func<Dispute, bool>> NotPast(DateTimeOffset now)
    {
        var past = Past(now);
        return System.Linq.Expressions.Expression.Lambda<Func<Dispute, bool>>(System.Linq.Expressions.Expression.Not(past.Body), past.Parameters);
    }

    /// <summary><see cref="Past"/> for one dispute in memory (compiling the expression per answer would cost more than the query).</summary>
    public static bool IsPast(Dispute d, DateTimeOffset now) =>
        d.SlaBreachedAt is not null || (DisputeStatuses.IsActive(d.Status) && d.SlaDueAt is { } due && due < now);
}
