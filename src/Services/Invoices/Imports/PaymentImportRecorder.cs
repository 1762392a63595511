using ArPlatform.BuildingBlocks.Imports;
using ArPlatform.Invoices.Payments;
using ArPlatform.Invoices.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Invoices.Imports;

public enum RowOutcome
{
    Created,
    Duplicate,
    Rejected,
}

/// <summary>
/// Records one imported payment exactly as POST /api/v1/payments does. A row matching a payment already recorded
/// for the customer (same reference, date and amount, not reversed) is a duplicate, so uploading a file twice, or
/// resuming a job, records nothing twice.
/// </summary>
public sealed class PaymentImportRecorder(InvoicesDbContext db, PaymentService payments)
{
    public async Task<RowOutcome> RecordAsync(RecordPaymentRequest request, int line, List<ImportRowError> errors, CancellationToken cancellationToken)
    {
        var code = request.CustomerCode?.Trim();
        var duplicate = await db.Payments.AsNoTracking().AnyAsync(p =>
            p.Reference == (request.Reference ?? "").Trim() && p.ReceivedOn == request.ReceivedOn && p.Amount == request.Amount && p.ReversedOn == null
            && db.Customers.Any(c => c.Id == p.CustomerId && (c.Id == request.CustomerId || c.Code == code)), cancellationToken);
        if (duplicate)
        {
            return RowOutcome.Duplicate;
        }

        var outcome = await payments.RecordAsync(request, cancellationToken);
        db.ChangeTracker.Clear();
        if (outcome.Succeeded)
        {
            return RowOutcome.Created;
        }

        errors.AddRange(outcome.Messages().Select(m => new ImportRowError(line, m.Field, m.Message)));
        return RowOutcome.Rejected;
    }
}
