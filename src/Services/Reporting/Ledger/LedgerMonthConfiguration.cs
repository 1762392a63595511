using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ArPlatform.Reporting.Ledger;

internal sealed class LedgerMonthConfiguration : IEntityTypeConfiguration<LedgerMonth>
{
    public void Configure(EntityTypeBuilder<LedgerMonth> builder)
    {
        builder.ToTable("ledger_months");
        // The key leads with the date: a figure as of a date reads a range of the tenant's days or months.
        builder.HasKey(l => new { l.TenantId, l.Month, l.CustomerId });
        builder.HasLedgerAmounts();
    }
}
