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

    public static bool IsPast(Dispute d, DateTimeOffset now) =>
        d.SlaBreachedAt is not null || (DisputeStatuses.IsActive(d.Status) && d.SlaDueAt is { } due && due < now);
}
