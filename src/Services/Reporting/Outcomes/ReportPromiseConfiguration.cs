using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ArPlatform.Reporting.Outcomes;

internal sealed class ReportPromiseConfiguration : IEntityTypeConfiguration<ReportPromise>
{
    public void Configure(EntityTypeBuilder<ReportPromise> builder)
    {
        builder.ToTable("report_promises");
        builder.HasKey(p => p.PromiseId);
        builder.Property(p => p.Amount).HasPrecision(18, 2);
        builder.Property(p => p.Collected).HasPrecision(18, 2);
        builder.Property(p => p.Status).HasMaxLength(10);
        builder.HasIndex(p => new { p.TenantId, p.PromisedDate });
    }
}
