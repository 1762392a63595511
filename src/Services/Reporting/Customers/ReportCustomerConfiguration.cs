using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ArPlatform.Reporting.Customers;

internal sealed class ReportCustomerConfiguration : IEntityTypeConfiguration<ReportCustomer>
{
    public void Configure(EntityTypeBuilder<ReportCustomer> builder)
    {
        builder.ToTable("report_customers");
        builder.HasKey(c => c.CustomerId);
        builder.Property(c => c.Code).HasMaxLength(50);
        builder.Property(c => c.Name).HasMaxLength(200);
        builder.Property(c => c.Type).HasMaxLength(20);
        builder.Property(c => c.Region).HasMaxLength(20);
        builder.Property(c => c.Collector).HasMaxLength(100);
        builder.Property(c => c.Portfolio).HasMaxLength(100);
        builder.HasIndex(c => new { c.TenantId, c.Code });
    }
}
