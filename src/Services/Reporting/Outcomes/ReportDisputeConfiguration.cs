using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ArPlatform.Reporting.Outcomes;

internal sealed class ReportDisputeConfiguration : IEntityTypeConfiguration<ReportDispute>
{
    public void Configure(EntityTypeBuilder<ReportDispute> builder)
    {
        builder.ToTable("report_disputes");
        builder.HasKey(d => d.DisputeId);
        builder.Property(d => d.Amount).HasPrecision(18, 2);
        builder.Property(d => d.Outcome).HasMaxLength(20);
        builder.HasIndex(d => new { d.TenantId, d.RaisedOn });
    }
}
