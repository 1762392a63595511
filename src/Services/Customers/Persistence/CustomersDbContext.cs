using ArPlatform.BuildingBlocks.Persistence;
using ArPlatform.BuildingBlocks.Tenancy;
using ArPlatform.Customers.Customers;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Customers.Persistence;

public sealed class CustomersDbContext(DbContextOptions<CustomersDbContext> options, ITenantContext tenant) : TenantDbContext(options, tenant)
{
    public DbSet<Customer> Customers => Set<Customer>();

    protected override void ConfigureModel(ModelBuilder modelBuilder) => modelBuilder.Entity<Customer>(e =>
    {
        e.ToTable("customers");
        e.HasKey(c => c.Id);
        e.Property(c => c.Code).HasMaxLength(50);
        e.Property(c => c.Name).HasMaxLength(200);
        e.Property(c => c.Gstin).HasMaxLength(15);
        e.Property(c => c.DefaultDiscountPercent).HasPrecision(5, 2);
        e.Ignore(c => c.DefaultTerms);
        e.HasIndex(c => new { c.TenantId, c.Code }).IsUnique();
    });
}

public sealed class CustomersDbContextFactory : DesignTimeFactory<CustomersDbContext>;
