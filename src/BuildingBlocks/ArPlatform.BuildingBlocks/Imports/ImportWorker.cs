using System.Text;
using ArPlatform.BuildingBlocks.Persistence;
using ArPlatform.BuildingBlocks.Tenancy;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ArPlatform.BuildingBlocks.Imports;

/// <summary>
/// Runs queued imports on whichever replica claims them first (<c>FOR UPDATE SKIP LOCKED</c> with a lease). Rows are
/// read as a stream from the stored file and written in batches by the kind's <see cref="IImportHandler"/>, so memory
/// stays flat for a million rows. Progress, counts, row errors and a checkpoint are saved after every batch; a job
/// whose replica died is taken over when its lease expires and continues after the checkpoint.
/// </summary>
public sealed class ImportWorker<TContext>(IServiceScopeFactory scopes, ImportSignal signal, TimeProvider clock, ILogger<ImportWorker<TContext>> logger)
    : BackgroundService
    where TContext : TenantDbContext
{
    private sealed record Claim(Guid JobId, Guid TenantId);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await RunNextAsync(stoppingToken))
                {
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(e, "The import worker failed; it looks for work again shortly");
            }

            await signal.WaitAsync(TimeSpan.FromSeconds(2), stoppingToken).ContinueWith(_ => { }, CancellationToken.None);
        }
    }

    /// <summary>Claims and runs one queued import; false when there is none.</summary>
    public async Task<bool> RunNextAsync(CancellationToken cancellationToken)
    {
        Claim? claim;
        using (var scope = scopes.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TContext>();
            var now = clock.GetUtcNow();
            claim = (await db.Database.SqlQuery<Claim>($"""
                UPDATE import_queue SET lease_until = {now + ImportRun.Lease}
                WHERE job_id = (SELECT job_id FROM import_queue WHERE lease_until IS NULL OR lease_until < {now}
                                ORDER BY enqueued_at LIMIT 1 FOR UPDATE SKIP LOCKED)
                RETURNING job_id AS "JobId", tenant_id AS "TenantId"
                """).ToListAsync(cancellationToken)).SingleOrDefault();
        }

        if (claim is null)
        {
            return false;
        }

        using (var scope = scopes.CreateScope())
        {
            scope.ServiceProvider.GetRequiredService<TenantContext>().Set(claim.TenantId);
            var services = scope.ServiceProvider;
            var db = services.GetRequiredService<TContext>();
            var job = await db.Set<ImportJob>().SingleAsync(j => j.Id == claim.JobId, cancellationToken);
            try
            {
                job.Status = ImportStatuses.Running;
                job.StartedAt ??= clock.GetUtcNow();
                await db.SaveChangesAsync(cancellationToken);
                logger.LogInformation("Import {Job} of {Kind}: {Rows} rows, starting after line {Line}", job.Id, job.Kind, job.TotalRows, job.CheckpointLine);
                var handler = services.GetServices<IImportHandler>().Single(h => h.Kind == job.Kind);
                // The file is read on a connection of its own, so the next batch is parsed while the last one is written.
                using var readerScope = scopes.CreateScope();
                readerScope.ServiceProvider.GetRequiredService<TenantContext>().Set(claim.TenantId);
                await handler.RunAsync(new ImportRun(db, readerScope.ServiceProvider.GetRequiredService<TContext>(), job, handler.Columns, clock), cancellationToken);
                job.Status = ImportStatuses.Completed;
            }
            catch (Exception e) when (e is CsvHelperException or ImportFileException or DecoderFallbackException)
            {
                job.Status = ImportStatuses.Failed;
                job.Failure = e switch
                {
                    ImportFileException => $"The file cannot be imported: {e.Message} Fix the file and upload it again.",
                    DecoderFallbackException => "The file is not UTF-8 text: save it as CSV UTF-8 and upload it again.",
                    _ => $"The file is not a readable CSV: {e.Message.Split('\n')[0]} Fix the file and upload it again.",
                };
            }

            job.FinishedAt = clock.GetUtcNow();
            db.Update(job);
            await db.SaveChangesAsync(cancellationToken);
            await db.Database.ExecuteSqlAsync($"DELETE FROM import_chunks WHERE job_id = {job.Id}", cancellationToken);
            await db.Database.ExecuteSqlAsync($"DELETE FROM import_queue WHERE job_id = {job.Id}", cancellationToken);
            logger.LogInformation("Import {Job} {Status}: {Created} created, {Duplicates} duplicates, {Rejected} rejected of {Rows} rows",
                job.Id, job.Status, job.Created, job.Duplicates, job.Rejected, job.TotalRows);
        }

        return true;
    }
}
