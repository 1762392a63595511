using ArPlatform.BuildingBlocks.Imports;
using ArPlatform.Invoices.Invoices;

namespace ArPlatform.Invoices.Imports;

public static class ImportKinds
{
    public const string Invoices = "invoices";
    public const string Payments = "payments";
}

/// <summary>Invoice files: batches of 5,000 rows written like POST /api/v1/invoices/batch (a replayed row is a duplicate).</summary>
public sealed class InvoiceImportHandler(InvoiceBatchWriter writer) : IImportHandler
{
    public string Kind => ImportKinds.Invoices;

    public CsvColumns Columns => InvoiceCsv.Columns;

    public Task RunAsync(ImportRun run, CancellationToken cancellationToken) =>
        run.InBatchesAsync<IssueInvoiceRequest>(InvoiceBatchWriter.MaxBatchSize, InvoiceCsv.Parse, async (rows, errors) =>
        {
            var result = await writer.WriteAsync([.. rows.Select(r => r.Item)], cancellationToken);
            errors.AddRange(result.Rows.Where(r => r.Errors is not null)
                .SelectMany(r => r.Errors!.Select(e => new ImportRowError(rows[r.Index].Line, e.Key, string.Join(" ", e.Value)))));
            return (result.Created, result.Duplicates);
        }, cancellationToken);
}

/// <summary>Payment files: one payment at a time, each exactly as POST /api/v1/payments; progress is saved every 500 rows.</summary>
public sealed class PaymentImportHandler(PaymentImportRecorder recorder) : IImportHandler
{
    private const int ProgressEvery = 500;

    public string Kind => ImportKinds.Payments;

    public CsvColumns Columns => PaymentCsv.Columns;

    public Task RunAsync(ImportRun run, CancellationToken cancellationToken) =>
        run.InBatchesAsync<Payments.RecordPaymentRequest>(ProgressEvery, PaymentCsv.Parse, async (rows, errors) =>
        {
            var (created, duplicates) = (0, 0);
            foreach (var (line, request) in rows)
            {
                var outcome = await recorder.RecordAsync(request, line, errors, cancellationToken);
                created += outcome == RowOutcome.Created ? 1 : 0;
                duplicates += outcome == RowOutcome.Duplicate ? 1 : 0;
            }

            return (created, duplicates);
        }, cancellationToken);
}
