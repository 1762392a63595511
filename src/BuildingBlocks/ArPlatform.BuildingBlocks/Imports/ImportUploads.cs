using ArPlatform.BuildingBlocks.Persistence;
using ArPlatform.ServiceDefaults.Http;

namespace ArPlatform.BuildingBlocks.Imports;

/// <summary>An uploaded CSV file kept as a queued import job, whoever received it.</summary>
public static class ImportUploads
{
    public const int ChunkBytes = 1024 * 1024;

    /// <summary>
    /// Keeps <paramref name="body"/> as the file of a new queued job of <paramref name="kind"/>, or says why the file
    /// is refused (under <c>body</c>); nothing is kept then.
    /// </summary>
    public static async Task<Outcome<ImportJob>> QueueAsync(
        TenantDbContext db, string kind, CsvColumns columns, Stream body, string? fileName, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var job = new ImportJob
        {
            Id = Guid.CreateVersion7(now),
            Kind = kind,
            Status = ImportStatuses.Queued,
            FileName = string.IsNullOrWhiteSpace(fileName) ? null : fileName.Trim(),
            CreatedAt = now,
        };
        var file = new CsvUpload(columns);

        // The file goes into the database in 1 MB pieces as it arrives: memory stays flat however large it is, and
        // the job, its file and its queue entry commit together (a broken upload leaves nothing behind).
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Add(job);
        var buffer = new byte[ChunkBytes];
        var sequence = 0;
        while (true)
        {
            var filled = 0;
            int read;
            while (filled < buffer.Length && (read = await body.ReadAsync(buffer.AsMemory(filled), cancellationToken)) > 0)
            {
                filled += read;
            }

            if (filled == 0)
            {
                break;
            }

            if (file.Add(buffer.AsSpan(0, filled)) is { } wrong)
            {
                return Outcome<ImportJob>.Invalid("body", wrong); // nothing is kept: the transaction is not committed
            }

            job.Bytes += filled;
            db.Add(new ImportChunk { JobId = job.Id, Sequence = sequence++, Data = buffer[..filled] });
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            db.Attach(job);
        }

        if (job.Bytes == 0)
        {
            return Outcome<ImportJob>.Invalid("body", "is empty: send the CSV file, header first.");
        }

        if (file.Finish() is { } broken)
        {
            return Outcome<ImportJob>.Invalid("body", broken);
        }

        job.TotalRows = file.Rows;
        db.Add(new ImportQueueEntry { JobId = job.Id, TenantId = db.Tenant.RequiredTenantId, EnqueuedAt = now });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Outcome<ImportJob>.Ok(job);
    }
}
