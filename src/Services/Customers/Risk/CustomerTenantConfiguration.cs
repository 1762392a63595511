using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ArPlatform.Customers.Risk;

internal sealed class CustomerTenantConfiguration : IEntityTypeConfiguration<CustomerTenant>
{
    public void Configure(EntityTypeBuilder<CustomerTenant> builder)
    {
        builder.ToTable("customer_tenants");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).ValueGeneratedNever();
    }
}
