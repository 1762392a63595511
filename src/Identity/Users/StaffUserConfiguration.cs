using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ArPlatform.Identity.Users;

internal sealed class StaffUserConfiguration : IEntityTypeConfiguration<StaffUser>
{
    public void Configure(EntityTypeBuilder<StaffUser> builder)
    {
        builder.ToTable("staff_users");
        builder.HasKey(u => u.Id);
        builder.Property(u => u.Email).HasMaxLength(200);
        builder.Property(u => u.Name).HasMaxLength(200);
        builder.Property(u => u.CollectorCode).HasMaxLength(200);
        builder.HasIndex(u => u.Email).IsUnique();
    }
}
