using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ArPlatform.Identity.Clients;

internal sealed class ApiClientConfiguration : IEntityTypeConfiguration<ApiClient>
{
    public void Configure(EntityTypeBuilder<ApiClient> builder)
    {
        builder.ToTable("api_clients");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.ClientId).HasMaxLength(100);
        builder.Property(c => c.Name).HasMaxLength(200);
        builder.HasIndex(c => c.ClientId).IsUnique();
        builder.Property(c => c.DisabledBy).HasMaxLength(200);
        builder.Property(c => c.EnabledBy).HasMaxLength(200);
        builder.Property(c => c.SecretRotatedBy).HasMaxLength(200);
        builder.Property(c => c.PreviousSecretHash).HasMaxLength(500);
        builder.HasIndex(c => c.TenantId);
    }
}
