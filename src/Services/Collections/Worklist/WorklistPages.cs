using ArPlatform.Collections.Persistence;
using ArPlatform.ServiceDefaults.Http;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Collections.Worklist;

/// <summary>The worklist's pages, ranked by <see cref="WorklistRanking"/>.</summary>
public sealed class WorklistPages(CollectionsDbContext db, WorklistRanking ranking, WorklistEntries entries)
{
    /// <summary>
    /// A page of the ranking. As of today it is read from the kept rows (<see cref="WorklistEntries"/>), the collector's
    /// marked or outdated ones made again first, so a page shows every write committed before it; as of another date it
    /// is computed.
    /// </summary>
    public async Task<PagedList<WorklistRow>> RankAsync(
        string? collector, DateOnly asOf, DateOnly today, int page, int pageSize, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (asOf != today)
        {
            var rows = (await ranking.ComputeAsync(db.Accounts.Where(a => collector == null || a.Collector == collector), asOf, now, cancellationToken))
                .Select(r => r.Row).OrderByDescending(r => r.Score).ThenByDescending(r => r.Overdue).ThenBy(r => r.Code, StringComparer.Ordinal).ToList();
            return new PagedList<WorklistRow>([.. rows.Skip((page - 1) * pageSize).Take(pageSize)], page, pageSize, rows.Count);
        }

        await entries.RefreshAsync(collector, today, now, cancellationToken);
        var kept = db.Set<WorklistEntry>().AsNoTracking().Where(e => collector == null || e.Collector == collector);
        var total = await kept.CountAsync(cancellationToken);
        var pageRows = await kept.OrderByDescending(e => e.Score).ThenByDescending(e => e.Overdue).ThenBy(e => EF.Functions.Collate(e.Code, "C"))
            .Skip((page - 1) * pageSize).Take(pageSize).Select(e => e.Row).ToListAsync(cancellationToken);
        return new PagedList<WorklistRow>(pageRows, page, pageSize, total);
    }
}
