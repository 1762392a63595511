using System.Globalization;
using System.Text;
using System.Text.Json;
using ArPlatform.BuildingBlocks.Persistence;
using ArPlatform.BuildingBlocks.Tenancy;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ArPlatform.ServiceDefaults.Imports;

/// <summary>Imports the rows of one kind of file (invoices, payments, customers), reporting through <see cref="ImportRun"/>.</summary>
public interface IImportHandler
{
    string Kind { get; }

    /// <summary>The columns its files may and must have; a file whose header does not fit is refused as a whole.</summary>
    CsvColumns Columns { get; }

    Task RunAsync(ImportRun run, CancellationToken cancellationToken);
}

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

/// <summary>One running import: its rows after the checkpoint, and where a handler reports progress after each batch.</summary>
public sealed class ImportRun(DbContext db, DbContext reader, ImportJob job, CsvColumns columns, TimeProvider clock)
{
    public const int MaxStoredErrors = 1000;

    /// <summary>How long a claimed job stays with its replica without progress before another may take it over.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    public ImportJob Job => job;

    public async Task SaveProgressAsync(int lastLine, int rows, int created, int duplicates, List<ImportRowError> errors, CancellationToken cancellationToken)
    {
        job.RowsDone += rows;
        job.Created += created;
        job.Duplicates += duplicates;
        job.Rejected += errors.Select(e => e.Line).Distinct().Count();
        job.CheckpointLine = lastLine;
        if (errors.Count > 0)
        {
            var stored = JsonSerializer.Deserialize<List<ImportRowError>>(job.Errors, JsonSerializerOptions.Web) ?? [];
            if (stored.Count < MaxStoredErrors)
            {
                stored.AddRange(errors.OrderBy(e => e.Line).Take(MaxStoredErrors - stored.Count));
                job.Errors = JsonSerializer.Serialize(stored, JsonSerializerOptions.Web);
            }
        }

        db.ChangeTracker.Clear(); // what the handler wrote is saved: keep memory flat
        db.Update(job);
        await db.SaveChangesAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"UPDATE import_queue SET lease_until = {clock.GetUtcNow() + Lease} WHERE job_id = {job.Id}", cancellationToken);
    }

    /// <summary>How the platform reads CSV files: a header, fields trimmed, header names in any case, a line break inside quotes bad data.</summary>
    public static CsvConfiguration CsvConfiguration(BadDataFound badDataFound) => new(CultureInfo.InvariantCulture)
    {
        PrepareHeaderForMatch = args => args.Header.Trim().ToLowerInvariant(),
        MissingFieldFound = null,
        HeaderValidated = null,
        BadDataFound = badDataFound,
        LineBreakInQuotedFieldIsBadData = true,
        TrimOptions = TrimOptions.Trim,
    };

    /// <summary>
    /// The file's data rows after the checkpoint, read as a stream from the stored chunks, each with its line number and
    /// either the row to parse or what makes it unreadable: a broken quote, or not as many fields as the header has
    /// columns. A record is one line (a quoted field does not span lines), so a quote left open spoils its own line only.
    /// A header that does not fit the kind's columns fails the file (<see cref="ImportFileException"/>).
    /// </summary>
    public async IAsyncEnumerable<(int Line, IReaderRow? Row, ImportRowError? Error)> RowsAsync(
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var stream = new ImportChunkStream(reader, job.Id);
        using var text = new StreamReader(stream, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true);
        using var lines = new CsvLines(text);
        string? badField = null;
        var configuration = CsvConfiguration(args => badField ??= args.Field);
        var csv = new CsvReader(lines, configuration, leaveOpen: true);
        try
        {
            if (!await csv.ReadAsync())
            {
                yield break;
            }

            csv.ReadHeader();
            var (header, headerRecord) = (csv.HeaderRecord!.Select(h => h.Trim()).ToArray(), csv.Parser.RawRecord);
            if ((badField is null ? columns.Check(header) : $"the header has a broken quote in {badField}.") is { } wrong)
            {
                throw new ImportFileException($"line {lines.Line}: {wrong}");
            }

            while (await csv.ReadAsync())
            {
                cancellationToken.ThrowIfCancellationRequested();
                var line = lines.Line;
                ImportRowError? error = null;
                for (var i = 0; i < csv.Parser.Count && error is null; i++)
                {
                    _ = csv.Parser[i]; // fields are checked as they are read
                    if (badField is not null)
                    {
                        error = new ImportRowError(line, i < header.Length ? header[i] : $"column {i + 1}",
                            $"{Shorten(badField)} has a broken quote: a value with a comma or a quote goes in quotes, closed on the same line, each quote inside it doubled (\"\").");
                    }
                }

                if (error is null && csv.Parser.Count != header.Length)
                {
                    error = new ImportRowError(line, "row", $"has {csv.Parser.Count} fields where the header has {header.Length} columns: "
                        + (csv.Parser.Count > header.Length ? "put a value that holds a comma in quotes." : "every row has a field for each column, empty or not."));
                }

                if (line > job.CheckpointLine)
                {
                    yield return (line, error is null ? csv : null, error);
                }

                if (badField is not null)
                {
                    // CsvHelper 33 keeps a quote left open in its state beyond the line: the lines after it get a new parser.
                    badField = null;
                    csv.Dispose();
                    lines.Replay(headerRecord);
                    csv = new CsvReader(lines, configuration, leaveOpen: true);
                    await csv.ReadAsync();
                    csv.ReadHeader();
                }
            }
        }
        finally
        {
            csv.Dispose();
        }
    }

    private static string Shorten(string field) => field.Length <= 40 ? field : field[..40] + "…";

    /// <summary>
    /// Reads the rows in batches and hands each batch to <paramref name="write"/> on the thread pool, parsing (and
    /// checking, with <paramref name="check"/>'s rules that need no database) the next batch meanwhile. Up to
    /// <paramref name="writesInFlight"/> batches are written at once (a handler that allows more than one keeps its own
    /// order between them and writes on connections of its own); <paramref name="write"/> is called in file order, and
    /// the progress is saved after each batch in file order, so the checkpoint never passes a batch not yet written.
    /// </summary>
    public async Task InBatchesAsync<T>(
        int batchSize, Func<IReaderRow, int, (T? Item, ImportRowError? Error)> parse,
        Func<IReadOnlyList<(int Line, T Item)>, List<ImportRowError>, Task<(int Created, int Duplicates)>> write, CancellationToken cancellationToken,
        Func<T, int, IReadOnlyList<ImportRowError>>? check = null, int writesInFlight = 1)
        where T : class
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(writesInFlight, 1);
        var writing = new Queue<Task>();
        var batch = new List<ReadRow<T>>(batchSize);
        var (called, saved) = (Task.CompletedTask, Task.CompletedTask);
        Task WriteAndSaveAsync(List<ReadRow<T>> rows)
        {
            var errors = rows.Where(b => b.Errors is not null).SelectMany(b => b.Errors!).ToList();
            var valid = rows.Where(b => b.Item is not null).Select(b => (b.Line, b.Item!)).ToList();
            // write is entered in file order: a batch's call starts once the previous batch's call has returned its task.
            var (callBefore, thisCall) = (called, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            called = thisCall.Task;
            var written = Task.Run(async () =>
            {
                await callBefore;
                Task<(int Created, int Duplicates)> call;
                try
                {
                    call = valid.Count > 0 ? write(valid, errors) : Task.FromResult((0, 0));
                }
                finally
                {
                    thisCall.SetResult();
                }

                return await call;
            }, CancellationToken.None); // not cancelled before it starts: the next batch waits for this call
            var previous = saved;
            return saved = SaveInOrderAsync();

            async Task SaveInOrderAsync()
            {
                var (created, duplicates) = await written;
                await previous;
                await SaveProgressAsync(rows[^1].Line, rows.Count, created, duplicates, errors, cancellationToken);
            }
        }

        async Task HandOverAsync()
        {
            if (writing.Count == writesInFlight)
            {
                await writing.Dequeue();
            }

            writing.Enqueue(WriteAndSaveAsync(batch));
            batch = new List<ReadRow<T>>(batchSize);
        }

        try
        {
            await foreach (var (line, row, unreadable) in RowsAsync(cancellationToken))
            {
                var (item, error) = row is null ? (null, unreadable) : parse(row, line);
                IReadOnlyList<ImportRowError>? errors = error is null ? null : [error];
                if (item is not null && check?.Invoke(item, line) is { Count: > 0 } broken)
                {
                    (item, errors) = (null, broken);
                }

                batch.Add(new ReadRow<T>(line, item, errors));
                if (batch.Count == batchSize)
                {
                    await HandOverAsync();
                }
            }

            if (batch.Count > 0)
            {
                await HandOverAsync();
            }
        }
        catch when (writing.Count > 0)
        {
            // The file broke while batches were being written: let those writes finish (their own failures are
            // secondary) before the worker records the failure on the same connection.
            await Task.WhenAll(writing).ContinueWith(_ => { }, CancellationToken.None);
            throw;
        }

        await Task.WhenAll(writing);
    }

    /// <summary>A row as read: its item when it parsed and passed the checks, its errors otherwise.</summary>
    private readonly record struct ReadRow<T>(int Line, T? Item, IReadOnlyList<ImportRowError>? Errors) where T : class;
}

/// <summary>A file that cannot be imported at all (its header does not fit the kind of file); the message says why.</summary>
public sealed class ImportFileException(string message) : Exception(message);

/// <summary>Reads an uploaded file back from its chunks, one chunk in memory at a time.</summary>
public sealed class ImportChunkStream(DbContext db, Guid jobId) : Stream
{
    private byte[] _chunk = [];
    private int _offset;
    private int _sequence;
    private bool _done;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_offset == _chunk.Length)
        {
            if (_done)
            {
                return 0;
            }

            var next = await db.Set<ImportChunk>().AsNoTracking().Where(c => c.JobId == jobId && c.Sequence == _sequence)
                .Select(c => c.Data).SingleOrDefaultAsync(cancellationToken);
            if (next is null)
            {
                _done = true;
                return 0;
            }

            (_chunk, _offset) = (next, 0);
            _sequence++;
        }

        var n = Math.Min(buffer.Length, _chunk.Length - _offset);
        _chunk.AsMemory(_offset, n).CopyTo(buffer);
        _offset += n;
        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
