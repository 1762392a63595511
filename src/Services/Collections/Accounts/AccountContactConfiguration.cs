using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ArPlatform.Collections.Accounts;

internal sealed class AccountContactConfiguration : IEntityTypeConfiguration<AccountContact>
{
    public void Configure(EntityTypeBuilder<AccountContact> builder)
    {
        builder.ToTable("contacts");
        builder.HasKey(c => c.ContactId);
        builder.Property(c => c.ContactId).ValueGeneratedNever();
        builder.Property(c => c.Name).HasMaxLength(200);
        builder.Property(c => c.Role).HasMaxLength(100);
        builder.Property(c => c.EscalationLevel).HasMaxLength(2);
        builder.Property(c => c.Phone).HasMaxLength(30);
        builder.Property(c => c.Email).HasMaxLength(200);
        builder.Property(c => c.PreferredChannel).HasMaxLength(10);
        builder.HasIndex(c => new { c.TenantId, c.CustomerId });
    }
}
