using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ArPlatform.Reporting.Ledger;

internal sealed class TenantLedgerMonthConfiguration : IEntityTypeConfiguration<TenantLedgerMonth>
{
    public void Configure(EntityTypeBuilder<TenantLedgerMonth> builder)
    {
        builder.ToTable("tenant_ledger_months");
        // The key leads with the date: a figure as of a date reads a range of the tenant's days or months.
        builder.HasKey(l => new { l.TenantId, l.Month, l.Slot });
        builder.HasLedgerAmounts();
    }
}
