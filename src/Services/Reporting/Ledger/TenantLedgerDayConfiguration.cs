using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ArPlatform.Reporting.Ledger;

internal sealed class TenantLedgerDayConfiguration : IEntityTypeConfiguration<TenantLedgerDay>
{
    public void Configure(EntityTypeBuilder<TenantLedgerDay> builder)
    {
        builder.ToTable("tenant_ledger_days");
        // The key leads with the date: a figure as of a date reads a range of the tenant's days or months.
        builder.HasKey(l => new { l.TenantId, l.Day, l.Slot });
        builder.HasLedgerAmounts();
    }
}
