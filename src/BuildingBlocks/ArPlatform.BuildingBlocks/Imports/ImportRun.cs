using System.Globalization;
using System.Text;
using System.Text.Json;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.BuildingBlocks.Imports;

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
