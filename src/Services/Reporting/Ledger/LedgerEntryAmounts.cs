using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ArPlatform.Reporting.Ledger;

/// <summary>The amounts every ledger table keeps (by day or month, per customer or for the tenant), stored alike.</summary>
internal static class LedgerEntryAmounts
{
    public static EntityTypeBuilder<T> HasLedgerAmounts<T>(this EntityTypeBuilder<T> builder) where T : LedgerEntry
    {
        builder.Property(l => l.Invoiced).HasPrecision(18, 2);
        builder.Property(l => l.DebitNotes).HasPrecision(18, 2);
        builder.Property(l => l.Cancelled).HasPrecision(18, 2);
        builder.Property(l => l.Collected).HasPrecision(18, 2);
        builder.Property(l => l.CreditNotes).HasPrecision(18, 2);
        builder.Property(l => l.WrittenOff).HasPrecision(18, 2);
        builder.Property(l => l.NotDue).HasPrecision(18, 2);
        builder.Property(l => l.CollectedDaysLate).HasPrecision(22, 2);
        return builder;
    }
}
