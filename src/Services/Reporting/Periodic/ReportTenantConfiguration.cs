using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ArPlatform.Reporting.Periodic;

internal sealed class ReportTenantConfiguration : IEntityTypeConfiguration<ReportTenant>
{
    public void Configure(EntityTypeBuilder<ReportTenant> builder)
    {
        builder.ToTable("report_tenants");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.Property(t => t.Name).HasMaxLength(200);
    }
}
