using ArPlatform.BuildingBlocks.Messaging;
using ArPlatform.Contracts;
using ArPlatform.Invoices.Customers;
using ArPlatform.Invoices.Ledger;
using ArPlatform.Invoices.Persistence;
using ArPlatform.ServiceDefaults.Http;

namespace ArPlatform.Invoices.Invoices;

/// <summary>What became of one row: created, duplicate (identical to the invoice already recorded) or rejected with reasons.</summary>
public sealed record InvoiceBatchRow(int Index, string? Number, string Status, Guid? Id, IDictionary<string, string[]>? Errors = null);

public sealed record InvoiceBatchResponse(int Created, int Duplicates, int Rejected, IReadOnlyList<InvoiceBatchRow> Rows);

public static class InvoiceBatchRowStatus
{
    public const string Created = "created";
    public const string Duplicate = "duplicate";
    public const string Rejected = "rejected";
}

/// <summary>
/// Validates, classifies and writes a batch of invoices in one transaction: one multi-row insert per table and one
/// <see cref="InvoiceBatchIssued"/> event. A concurrent batch that took one of the numbers first makes the batch re-run,
/// so that row is then reported as a duplicate (or rejected) instead of failing the batch.
/// </summary>
public sealed class InvoiceBatchWriter(InvoicesDbContext db, LedgerWriter ledger, CustomerDirectory customers, TimeProvider clock)
{
    public const int MaxBatchSize = 5000;

    public async Task<InvoiceBatchResponse> WriteAsync(IReadOnlyList<IssueInvoiceRequest?> requests, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await TryWriteAsync(requests, cancellationToken);
            }
            catch (Npgsql.PostgresException e) when (attempt < 3 && e.SqlState == Npgsql.PostgresErrorCodes.UniqueViolation)
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task<InvoiceBatchResponse> TryWriteAsync(IReadOnlyList<IssueInvoiceRequest?> requests, CancellationToken cancellationToken)
    {
        var rows = new InvoiceBatchRow?[requests.Count];
        var today = BusinessDate.Today(clock);
        var candidates = new List<(int Index, IssueInvoiceRequest Request)>();
        for (var i = 0; i < requests.Count; i++)
        {
            if (requests[i] is not { } request)
            {
                rows[i] = new InvoiceBatchRow(i, null, InvoiceBatchRowStatus.Rejected, null, Errors("invoice", "must be an invoice object."));
                continue;
            }

            var validation = InvoiceDraft.Validate(request, today);
            if (validation.IsValid)
            {
                candidates.Add((i, request));
            }
            else
            {
                rows[i] = new InvoiceBatchRow(i, request.Number, InvoiceBatchRowStatus.Rejected, null, validation.Errors);
            }
        }

        var resolved = await customers.ResolveManyAsync([.. candidates.Select(c => c.Request.Customer)], cancellationToken);
        var numbers = candidates.Select(c => c.Request.Number!.Trim()).Distinct().ToList();
        var tenant = db.Tenant.RequiredTenantId;
        var existing = await InvoiceQueries.ByNumbersAsync(db, numbers, cancellationToken);
        var now = clock.GetUtcNow();
        var created = new List<Invoice>();
        var entries = new List<Ledger.LedgerEntry>();
        foreach (var (index, request) in candidates)
        {
            var number = request.Number!.Trim();
            var (resolution, customer) = resolved[request.Customer];
            var field = request.CustomerId is null ? "customerCode" : "customerId";
            if (resolution != Resolution.Found)
            {
                rows[index] = Rejected(index, number, field, resolution == Resolution.Unknown
                    ? request.Customer.UnknownMessage
                    : $"customer {request.Customer} could not be checked (Customers service unavailable): retry this row.");
            }
            else if (InvoiceDraft.DueDate(request, customer!) is null)
            {
                rows[index] = Rejected(index, number, "dueDate", "is required: give dueDate or terms.netDays (the customer has no default terms).");
            }
            else if (existing.TryGetValue(number, out var recorded))
            {
                rows[index] = InvoiceDraft.SameAs(request, recorded, customer!)
                    ? new InvoiceBatchRow(index, number, InvoiceBatchRowStatus.Duplicate, recorded.Id)
                    : Rejected(index, number, "number", $"'{number}' is already recorded with other values; an invoice cannot be changed by a replay.");
            }
            else
            {
                var (invoice, entry) = InvoiceDraft.Build(request, customer!, tenant, now);
                existing[number] = invoice;
                created.Add(invoice);
                entries.Add(entry);
                rows[index] = new InvoiceBatchRow(index, number, InvoiceBatchRowStatus.Created, invoice.Id);
            }
        }

        if (created.Count > 0)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await ledger.LockAccountsAsync([.. created.Select(i => i.CustomerId)], cancellationToken);
            await InvoiceBulkInsert.InsertAsync(db, created, entries, cancellationToken);
            db.AddToOutbox(InvoiceBatchIssued.Of(tenant, [.. created.Select(i => i.Issued())]), clock);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        var result = rows.Select(r => r!).ToList();
        return new InvoiceBatchResponse(
            result.Count(r => r.Status == InvoiceBatchRowStatus.Created),
            result.Count(r => r.Status == InvoiceBatchRowStatus.Duplicate),
            result.Count(r => r.Status == InvoiceBatchRowStatus.Rejected),
            result);
    }

    private static InvoiceBatchRow Rejected(int index, string number, string field, string message) =>
        new(index, number, InvoiceBatchRowStatus.Rejected, null, Errors(field, message));

    private static Dictionary<string, string[]> Errors(string field, string message) => new() { [field] = [message] };
}
