using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ArPlatform.Reporting.Periodic;

internal sealed class PeriodicReportConfiguration : IEntityTypeConfiguration<PeriodicReport>
{
    public void Configure(EntityTypeBuilder<PeriodicReport> builder)
    {
        builder.ToTable("periodic_reports");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Trigger).HasMaxLength(10);
        builder.Property(r => r.Frequency).HasMaxLength(10);
        builder.Property(r => r.MailError).HasMaxLength(1000);
        builder.HasIndex(r => new { r.TenantId, r.GeneratedAt });
        // One scheduled report per tenant and period, however often the daily job runs the day again.
        builder.HasIndex(r => new { r.TenantId, r.PeriodTo, r.Frequency }).IsUnique().HasFilter("trigger = 'scheduled'");
    }
}
