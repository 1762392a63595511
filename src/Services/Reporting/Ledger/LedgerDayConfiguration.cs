using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ArPlatform.Reporting.Ledger;

internal sealed class LedgerDayConfiguration : IEntityTypeConfiguration<LedgerDay>
{
    public void Configure(EntityTypeBuilder<LedgerDay> builder)
    {
        builder.ToTable("ledger_days");
        // The key leads with the date: a figure as of a date reads a range of the tenant's days or months.
        builder.HasKey(l => new { l.TenantId, l.Day, l.CustomerId });
        builder.HasLedgerAmounts();
    }
}
