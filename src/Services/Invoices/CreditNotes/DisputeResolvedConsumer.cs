using ArPlatform.BuildingBlocks.Messaging;
using ArPlatform.BuildingBlocks.Tenancy;
using ArPlatform.Contracts;
using ArPlatform.Invoices.Approvals;
using ArPlatform.Invoices.Ledger;
using ArPlatform.Invoices.Notes;
using ArPlatform.Invoices.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Invoices.CreditNotes;

/// <summary>
/// A dispute resolved with a credit: a credit note on the disputed invoice, numbered after the dispute, for the credit
/// or what is open on the invoice if that is less. One note per dispute: its number is unique in the tenant, so another
/// resolution of the same dispute finds it issued and does nothing. What cannot be issued (nothing open, a cancelled
/// invoice, a date refused) is logged and dropped, since retrying would not change it.
/// </summary>
public sealed class DisputeResolvedConsumer(
    InvoicesDbContext db, TenantContext tenant, NoteService notes, LedgerWriter ledger, ILogger<DisputeResolvedConsumer> logger)
    : IdempotentConsumer<DisputeResolved, InvoicesDbContext>(db, tenant, logger)
{
    protected override async Task HandleAsync(DisputeResolved message, CancellationToken cancellationToken)
    {
        if (message.CreditAmount <= 0)
        {
            return;
        }

        if (!NonCashApprovals.ShowsTheRight(message.Approval))
        {
            Logger.LogWarning("Dispute {DisputeId} asks for a credit of {Amount} on invoice {InvoiceNumber} without an approval that shows the {Right} right; no credit note issued",
                message.DisputeId, message.CreditAmount, message.InvoiceNumber, ServiceDefaults.Security.Scopes.CreditsApprove);
            return;
        }

        var number = message.CreditNoteNumber;
        var invoice = await Db.Invoices.AsNoTracking().Where(i => i.Id == message.InvoiceId).Select(i => new { i.Id, i.Number, i.CustomerId })
            .SingleOrDefaultAsync(cancellationToken)
            ?? await Db.Invoices.AsNoTracking().Where(i => i.Number == message.InvoiceNumber).Select(i => new { i.Id, i.Number, i.CustomerId })
                .SingleOrDefaultAsync(cancellationToken);
        if (invoice is null || invoice.CustomerId != message.CustomerId)
        {
            Logger.LogWarning("Dispute {DisputeId} names invoice {InvoiceNumber} ({InvoiceId}) of customer {CustomerId}, which is not an invoice of that customer here; no credit note issued",
                message.DisputeId, message.InvoiceNumber, message.InvoiceId, message.CustomerId);
            return;
        }

        // Under the account's lock the open amount read here is the one the note is posted against, and a second
        // resolution of the same dispute waits for this one to commit and then finds the note.
        await ledger.LockAccountsAsync([invoice.CustomerId], cancellationToken);
        if (await NoteQueries.NumberTakenAsync(Db, LedgerKinds.CreditNote, number, cancellationToken))
        {
            Logger.LogInformation("Credit note {Number} of dispute {DisputeId} is already issued; nothing to do", number, message.DisputeId);
            return;
        }

        var open = await Db.Invoices.AsNoTracking().Where(i => i.Id == invoice.Id).Select(i => i.OpenAmount).SingleAsync(cancellationToken);
        if (open <= 0)
        {
            Logger.LogWarning("Dispute {DisputeId} credits {Amount} on invoice {InvoiceNumber}, which has nothing open; no credit note issued",
                message.DisputeId, message.CreditAmount, invoice.Number);
            return;
        }

        var outcome = await notes.IssueCreditAsync(
            new IssueCreditNoteRequest(number, invoice.CustomerId, message.ResolvedOn, Math.Min(message.CreditAmount, open), invoice.Number), message.Approval!,
            cancellationToken, message.DisputeId);
        if (!outcome.Succeeded)
        {
            Logger.LogWarning("Credit note {Number} of dispute {DisputeId} on invoice {InvoiceNumber} was refused ({Problems}); not issued",
                number, message.DisputeId, invoice.Number, string.Join("; ", outcome.Messages().Select(m => $"{m.Field} {m.Message}")));
        }
    }
}
