using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ArPlatform.Customers.Customers;

internal sealed class CustomerSearchWordConfiguration : IEntityTypeConfiguration<CustomerSearchWord>
{
    public void Configure(EntityTypeBuilder<CustomerSearchWord> builder)
    {
        builder.ToTable("customer_search_words");
        builder.HasKey(w => new { w.TenantId, w.Word });
        builder.Property(w => w.Word).UseCollation("C"); // code-point order: the words a prefix starts are one range
    }
}
