using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ArPlatform.Reporting.Ledger;

internal sealed class LedgerStateConfiguration : IEntityTypeConfiguration<LedgerState>
{
    public void Configure(EntityTypeBuilder<LedgerState> builder)
    {
        builder.ToTable("ledger_states");
        builder.HasKey(s => s.TenantId);
        builder.Property(s => s.TenantId).ValueGeneratedNever();
    }
}
