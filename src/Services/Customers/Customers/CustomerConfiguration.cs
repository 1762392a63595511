using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ArPlatform.Customers.Customers;

internal sealed class CustomerConfiguration : IEntityTypeConfiguration<Customer>
{
    public void Configure(EntityTypeBuilder<Customer> builder)
    {
        builder.ToTable("customers");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Code).HasMaxLength(50);
        builder.Property(c => c.Name).HasMaxLength(200);
        builder.Property(c => c.Gstin).HasMaxLength(15);
        builder.Property(c => c.DefaultDiscountPercent).HasPrecision(5, 2);
        builder.Ignore(c => c.DefaultTerms);
        builder.Property(c => c.TradeName).HasMaxLength(200);
        builder.Property(c => c.Type).HasMaxLength(20);
        builder.Property(c => c.Status).HasMaxLength(20);
        builder.Property(c => c.Pan).HasMaxLength(10);
        builder.Property(c => c.StateCode).HasMaxLength(2);
        builder.Property(c => c.StateName).HasMaxLength(100);
        builder.Property(c => c.Region).HasMaxLength(20);
        builder.Property(c => c.HierarchyPath).HasMaxLength(2000);
        builder.Property(c => c.AssignedCollector).HasMaxLength(100);
        builder.Property(c => c.Portfolio).HasMaxLength(100);
        builder.Property(c => c.Addresses).HasColumnType("jsonb");
        // Pattern operators let "everything under" (hierarchy_path LIKE 'path%') use the index: under the database's
        // C.UTF-8 collation PostgreSQL 15 cannot turn a LIKE prefix into a range of the plain index, so a subtree was a
        // sequential scan (ADR 0010).
        builder.HasIndex(c => new { c.TenantId, c.HierarchyPath }).HasOperators("uuid_ops", "varchar_pattern_ops");
        builder.HasIndex(c => new { c.TenantId, c.Region, c.StateCode });
        builder.HasIndex(c => new { c.TenantId, c.AssignedCollector });
        builder.Property(c => c.CreditLimit).HasPrecision(18, 2);
        builder.Property(c => c.Exposure).HasPrecision(18, 2);
        builder.Property(c => c.HoldReason).HasMaxLength(500);
        builder.Property(c => c.OldestOverdueInvoice).HasMaxLength(50);
        builder.Property(c => c.RiskRating).HasMaxLength(1);
        builder.Property(c => c.RiskFactors).HasColumnType("jsonb");
        // Imported customers have no rating yet and many have no GSTIN: partial indexes leave those rows out (every index
        // an import writes costs it per row, ADR 0012), and "rating=unrated" is found through the other filters. A state
        // alone is found through (tenant, region, state), as the region comes with the state.
        builder.HasIndex(c => new { c.TenantId, c.RiskRating }).HasFilter("risk_rating IS NOT NULL");
        builder.HasIndex(c => new { c.TenantId, c.Gstin }).HasFilter("gstin IS NOT NULL");
        builder.HasIndex(c => c.TenantId).HasFilter("on_hold").HasDatabaseName("ix_customers_on_hold");
        // New entries wait in a small pending list (1 MB) and are merged in bulk, so imports insert much faster than
        // with fastupdate off (ADR 0010), and a search scans at most 1 MB of unmerged entries.
        builder.HasIndex(c => c.SearchVector).HasMethod("gin").HasStorageParameter("fastupdate", true).HasStorageParameter("gin_pending_list_limit", 1024);
        builder.HasIndex(c => new { c.TenantId, c.Code }).IsUnique();
    }
}
