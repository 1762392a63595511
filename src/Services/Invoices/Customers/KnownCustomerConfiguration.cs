using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ArPlatform.Invoices.Customers;

internal sealed class KnownCustomerConfiguration : IEntityTypeConfiguration<KnownCustomer>
{
    public void Configure(EntityTypeBuilder<KnownCustomer> builder)
    {
        builder.ToTable("customers");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Code).HasMaxLength(50);
        builder.Property(c => c.DefaultDiscountPercent).HasPrecision(5, 2);
        builder.HasIndex(c => new { c.TenantId, c.Code });
    }
}
