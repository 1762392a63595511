using ArPlatform.Invoices.Payments;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ArPlatform.Invoices.Ledger;

internal sealed class LedgerEntryConfiguration : IEntityTypeConfiguration<LedgerEntry>
{
    public void Configure(EntityTypeBuilder<LedgerEntry> builder)
    {
        builder.ToTable("ledger_entries");
        builder.HasKey(l => l.Id);
        builder.Property(l => l.Kind).HasMaxLength(20);
        builder.Property(l => l.Amount).HasPrecision(18, 2);
        builder.HasIndex(l => l.PaymentId).HasFilter("payment_id IS NOT NULL");
        builder.HasIndex(l => new { l.TenantId, l.InvoiceId });
        builder.HasIndex(l => new { l.TenantId, l.CustomerId, l.EffectiveDate });
        // The relationship orders a payment's insert before its entries' (the balance trigger needs the row); no navigation.
        builder.HasOne<Payment>().WithMany().HasForeignKey(l => l.PaymentId).OnDelete(DeleteBehavior.Restrict);
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("ck_ledger_entries_sign", LedgerKinds.SignRuleSql);
            t.HasCheckConstraint("ck_ledger_entries_effective_date", "effective_date >= DATE '2000-01-01'");
        });
    }
}
