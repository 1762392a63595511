using Microsoft.EntityFrameworkCore;

namespace ArPlatform.BuildingBlocks.Jobs;

/// <summary>The SQL of the daily-job runs (daily_job_runs). Runs across tenants: the table is not under RLS.</summary>
public static class DailyJobQueries
{
    public sealed record TenantLast(Guid Tenant, DateOnly Last, bool Busy);

    public sealed record TenantDate(Guid Tenant, DateOnly Date);

    public sealed record RunGroup(string Job, DateOnly BusinessDate, int Done, int Running, int Failed, DateTimeOffset Started, DateTimeOffset? Finished);

    public sealed record FailedRun(string Job, DateOnly BusinessDate, Guid TenantId, string? Error, int Attempts);

    /// <summary>The most job-and-date groups one answer holds (newest first); narrow with from and to for older ones.</summary>
    public const int MaxGroups = 1000;

    /// <summary>The service's daily-job runs per job and business date, newest first, with the tenants that failed.</summary>
    public static async Task<DailyJobRunsResponse> RunsAsync(DbContext db, string? job, DateOnly? from, DateOnly? to, CancellationToken cancellationToken)
    {
        var groups = await GroupsAsync(db, job, from, to, MaxGroups, cancellationToken);
        if (groups.Count == 0)
        {
            return new DailyJobRunsResponse([]);
        }

        var failed = (await FailedAsync(db, job, groups.Min(g => g.BusinessDate), groups.Max(g => g.BusinessDate), cancellationToken))
            .ToLookup(f => (f.Job, f.BusinessDate));
        return new DailyJobRunsResponse([.. groups.Select(g => new DailyJobRunSummary(g.Job, g.BusinessDate, g.Done, g.Running,
            [.. failed[(g.Job, g.BusinessDate)].Select(f => new DailyJobFailedTenant(f.TenantId, f.Error, f.Attempts))], g.Started, g.Finished))]);
    }

    /// <summary>
    /// The latest business date each tenant has a run of <paramref name="job"/> for, whatever its outcome, and whether
    /// one of its runs is held by a replica now (busy).
    /// </summary>
    public static Task<List<TenantLast>> LastDatesAsync(DbContext db, string job, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.Database.SqlQuery<TenantLast>($"""
            SELECT tenant_id AS "Tenant", max(business_date) AS "Last", bool_or(status = 'running' AND lease_until >= {now}) AS "Busy"
            FROM daily_job_runs WHERE job = {job} GROUP BY tenant_id
            """).ToListAsync(cancellationToken);

    /// <summary>The runs of <paramref name="job"/> to try again: failed with attempts left, or running on a lease that ran out.</summary>
    public static Task<List<TenantDate>> RetriableAsync(DbContext db, string job, DateTimeOffset now, int maxAttempts, CancellationToken cancellationToken) =>
        db.Database.SqlQuery<TenantDate>($"""
            SELECT tenant_id AS "Tenant", business_date AS "Date" FROM daily_job_runs
            WHERE job = {job} AND attempts < {maxAttempts}
              AND (status = 'failed' OR (status = 'running' AND lease_until < {now}))
            ORDER BY business_date
            """).ToListAsync(cancellationToken);

    /// <summary>
    /// Claims the run of <paramref name="job"/> for the tenant and date: a new row, or a failed one with attempts left,
    /// or a running one whose lease ran out (its replica died); returns the attempt's number, or null when another
    /// replica has it or it is finished. One statement: of two replicas claiming at once, one wins.
    /// </summary>
    public static async Task<int?> ClaimAsync(
        DbContext db, string job, Guid tenant, DateOnly date, Guid owner, DateTimeOffset now, DateTimeOffset leaseUntil, int maxAttempts, CancellationToken cancellationToken) =>
        (await db.Database.SqlQuery<int>($"""
            INSERT INTO daily_job_runs AS r (job, tenant_id, business_date, status, attempts, owner, lease_until, started_at)
            VALUES ({job}, {tenant}, {date}, 'running', 1, {owner}, {leaseUntil}, {now})
            ON CONFLICT (job, tenant_id, business_date) DO UPDATE
            SET status = 'running', attempts = r.attempts + 1, owner = excluded.owner, lease_until = excluded.lease_until,
                started_at = excluded.started_at, finished_at = NULL
            WHERE r.attempts < {maxAttempts} AND (r.status = 'failed' OR (r.status = 'running' AND r.lease_until < {now}))
            RETURNING attempts AS "Value"
            """).ToListAsync(cancellationToken)).Cast<int?>().SingleOrDefault();

    /// <summary>Extends the lease of a run still held by <paramref name="owner"/>; false when another replica took it over.</summary>
    public static async Task<bool> RenewAsync(DbContext db, string job, Guid tenant, DateOnly date, Guid owner, DateTimeOffset leaseUntil, CancellationToken cancellationToken) =>
        await db.Database.ExecuteSqlAsync($"""
            UPDATE daily_job_runs SET lease_until = {leaseUntil}
            WHERE job = {job} AND tenant_id = {tenant} AND business_date = {date} AND owner = {owner} AND status = 'running'
            """, cancellationToken) == 1;

    /// <summary>Records the outcome of the attempt <paramref name="owner"/> holds (nothing if it lost the claim).</summary>
    public static Task<int> FinishAsync(
        DbContext db, string job, Guid tenant, DateOnly date, Guid owner, DateTimeOffset now, string? error, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync($"""
            UPDATE daily_job_runs SET status = {(error is null ? DailyJobStatuses.Done : DailyJobStatuses.Failed)}, finished_at = {now},
                lease_until = NULL, error = {error}
            WHERE job = {job} AND tenant_id = {tenant} AND business_date = {date} AND owner = {owner} AND status = 'running'
            """, cancellationToken);

    /// <summary>Hands back a run its replica stopped in the middle of (the service stopping): failed, that attempt not counted.</summary>
    public static Task<int> ReleaseAsync(DbContext db, string job, Guid tenant, DateOnly date, Guid owner, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync($"""
            UPDATE daily_job_runs SET status = 'failed', attempts = attempts - 1, finished_at = {now}, lease_until = NULL,
                error = 'The service stopped while this ran; it runs again.'
            WHERE job = {job} AND tenant_id = {tenant} AND business_date = {date} AND owner = {owner} AND status = 'running'
            """, cancellationToken);

    /// <summary>Runs whose replica died on their last attempt: failed, with that said, instead of running for ever.</summary>
    public static Task<int> AbandonAsync(DbContext db, DateTimeOffset now, int maxAttempts, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync($"""
            UPDATE daily_job_runs SET status = 'failed', finished_at = {now}, lease_until = NULL,
                error = 'The replica running the last attempt stopped before it finished (its lease ran out).'
            WHERE status = 'running' AND lease_until < {now} AND attempts >= {maxAttempts}
            """, cancellationToken);

    /// <summary>The runs per job and business date, newest dates first, at most <paramref name="limit"/> of them.</summary>
    public static Task<List<RunGroup>> GroupsAsync(DbContext db, string? job, DateOnly? from, DateOnly? to, int limit, CancellationToken cancellationToken) =>
        db.Database.SqlQuery<RunGroup>($"""
            SELECT job AS "Job", business_date AS "BusinessDate",
                   count(*) FILTER (WHERE status = 'done')::int AS "Done",
                   count(*) FILTER (WHERE status = 'running')::int AS "Running",
                   count(*) FILTER (WHERE status = 'failed')::int AS "Failed",
                   min(started_at) AS "Started",
                   CASE WHEN bool_or(status = 'running') THEN NULL ELSE max(finished_at) END AS "Finished"
            FROM daily_job_runs
            WHERE ({job}::text IS NULL OR job = {job}) AND ({from}::date IS NULL OR business_date >= {from}) AND ({to}::date IS NULL OR business_date <= {to})
            GROUP BY job, business_date
            ORDER BY business_date DESC, job
            LIMIT {limit}
            """).ToListAsync(cancellationToken);

    /// <summary>The failed runs of the given jobs and dates.</summary>
    public static Task<List<FailedRun>> FailedAsync(DbContext db, string? job, DateOnly from, DateOnly to, CancellationToken cancellationToken) =>
        db.Database.SqlQuery<FailedRun>($"""
            SELECT job AS "Job", business_date AS "BusinessDate", tenant_id AS "TenantId", error AS "Error", attempts AS "Attempts"
            FROM daily_job_runs
            WHERE status = 'failed' AND ({job}::text IS NULL OR job = {job}) AND business_date BETWEEN {from} AND {to}
            ORDER BY business_date DESC, job, tenant_id
            """).ToListAsync(cancellationToken);
}
