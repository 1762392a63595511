using ArPlatform.BuildingBlocks.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.BuildingBlocks.Imports;

public static class ImportStatuses
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Completed = "completed";
    public const string Failed = "failed";
}

/// <summary>A CSV upload being imported in the background; its progress and the errors of its rows, by line number.</summary>
public sealed class ImportJob : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    public required string Kind { get; set; }

    public required string Status { get; set; }

    public string? FileName { get; set; }

    public long Bytes { get; set; }

    /// <summary>Data rows in the file (the non-blank lines after the header), counted while it was uploaded.</summary>
    public int TotalRows { get; set; }

    public int RowsDone { get; set; }

    public int Created { get; set; }

    public int Duplicates { get; set; }

    public int Rejected { get; set; }

    /// <summary>The first <see cref="ImportRun.MaxStoredErrors"/> row errors as JSON [{line, field, message}].</summary>
    public string Errors { get; set; } = "[]";

    /// <summary>The last line whose row is done: a job taken over after a crash continues after it.</summary>
    public int CheckpointLine { get; set; }

    public string? Failure { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }
}

/// <summary>A piece of an uploaded file, kept in the database so that any replica can run the job and nothing accepted is lost.</summary>
public sealed class ImportChunk : ITenantOwned
{
    public Guid JobId { get; set; }

    public int Sequence { get; set; }

    public Guid TenantId { get; set; }

    public required byte[] Data { get; set; }
}

/// <summary>
/// The work queue the replicas claim from. Not tenant-owned (it holds ids only, no data): the worker must find jobs
/// of every tenant before it can act inside one.
/// </summary>
public sealed class ImportQueueEntry
{
    public Guid JobId { get; set; }

    public Guid TenantId { get; set; }

    public DateTimeOffset EnqueuedAt { get; set; }

    public DateTimeOffset? LeaseUntil { get; set; }
}

public sealed record ImportRowError(int Line, string Field, string Message);

public static class ImportModel
{
    /// <summary>The tables of the import jobs: import_jobs, import_chunks (both under tenant RLS) and import_queue (ids only).</summary>
    public static void AddImportTables(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ImportJob>(e =>
        {
            e.ToTable("import_jobs");
            e.HasKey(j => j.Id);
            e.Property(j => j.Kind).HasMaxLength(20);
            e.Property(j => j.Status).HasMaxLength(20);
            e.Property(j => j.FileName).HasMaxLength(300);
            e.Property(j => j.Errors).HasColumnType("jsonb");
            e.Property(j => j.Failure).HasMaxLength(2000);
        });
        modelBuilder.Entity<ImportChunk>(e =>
        {
            e.ToTable("import_chunks");
            e.HasKey(c => new { c.JobId, c.Sequence });
        });
        modelBuilder.Entity<ImportQueueEntry>(e =>
        {
            e.ToTable("import_queue");
            e.HasKey(q => q.JobId);
            e.Property(q => q.JobId).ValueGeneratedNever();
        });
    }
}
