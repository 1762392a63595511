using Microsoft.EntityFrameworkCore;

namespace ArPlatform.BuildingBlocks.Jobs;

public static class DailyJobStatuses
{
    public const string Running = "running";
    public const string Done = "done";
    public const string Failed = "failed";
}

/// <summary>
/// One job's run for one tenant and business date: the claim a replica holds while it runs (with a lease, renewed
/// while it runs), then its outcome. Not tenant-owned (no RLS): the runner claims every tenant's runs before it acts
/// inside one, and <c>/platform/jobs</c> (platform.admin) reports on all of them; it holds ids, dates, states and the
/// error message of a failure, no tenant data.
/// </summary>
public sealed class DailyJobRun
{
    public required string Job { get; set; }

    public Guid TenantId { get; set; }

    public DateOnly BusinessDate { get; set; }

    public required string Status { get; set; }

    public int Attempts { get; set; }

    /// <summary>The claim of the attempt running now: only its holder may renew or finish it.</summary>
    public Guid Owner { get; set; }

    public DateTimeOffset? LeaseUntil { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    public string? Error { get; set; }
}

public static class DailyJobModel
{
    public const int MaxError = 2000;

    /// <summary>The table of the daily-job runs, daily_job_runs, keyed by job, tenant and business date.</summary>
    public static void AddDailyJobTables(this ModelBuilder modelBuilder) =>
        modelBuilder.Entity<DailyJobRun>(e =>
        {
            e.ToTable("daily_job_runs", t => t.HasCheckConstraint("ck_daily_job_runs_status", "status IN ('running', 'done', 'failed')"));
            e.HasKey(r => new { r.Job, r.TenantId, r.BusinessDate });
            e.Property(r => r.Job).HasMaxLength(100);
            e.Property(r => r.Status).HasMaxLength(10);
            e.Property(r => r.Error).HasMaxLength(MaxError);
            e.HasIndex(r => new { r.BusinessDate, r.Job });
        });
}
