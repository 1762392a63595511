using ArPlatform.Reporting.Expected;
using ArPlatform.Reporting.Ledger;
using ArPlatform.Reporting.Persistence;

namespace ArPlatform.Reporting.Aging;

/// <summary>Records a change of what is open on an invoice in Reporting's settlements, in today's aging snapshot and in the ledger.</summary>
public static class RecordSettlementCommand
{
    public static async Task RunAsync(ReportingDbContext db, SettlementView settlement, CancellationToken cancellationToken)
    {
        var snapshot = await AgingSnapshot.LockAsync(db, cancellationToken);
        db.Settlements.Add(settlement);
        await AgingSnapshot.ApplyAsync(db, snapshot, [new AgingDelta(settlement.CustomerId, settlement.DueDate, settlement.EffectiveDate, -settlement.Amount)],
            cancellationToken);
        await LedgerWriter.ApplyAsync(db,
            LedgerPostings.OfSettlement(settlement.Kind, settlement.CustomerId, settlement.DueDate, settlement.EffectiveDate, settlement.Amount), cancellationToken);
        await OpenItems.AddAsync(db, [new OpenItemChange(settlement.InvoiceId, settlement.CustomerId, settlement.DueDate, -settlement.Amount)], cancellationToken);
    }
}
