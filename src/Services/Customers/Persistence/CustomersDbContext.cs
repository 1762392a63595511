using ArPlatform.BuildingBlocks.Persistence;
using ArPlatform.Customers.Customers;
using ArPlatform.BuildingBlocks.Imports;
using ArPlatform.BuildingBlocks.Jobs;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Customers.Persistence;

public sealed class CustomersDbContext(DbContextOptions<CustomersDbContext> options) : TenantDbContext(options)
{
    public DbSet<Customer> Customers => Set<Customer>();

    public DbSet<Credit.CreditLimitChange> CreditLimitChanges => Set<Credit.CreditLimitChange>();

    public DbSet<Contacts.Contact> Contacts => Set<Contacts.Contact>();

    public DbSet<Risk.ReceivableMovement> ReceivableMovements => Set<Risk.ReceivableMovement>();

    public DbSet<Risk.RiskQueueEntry> RiskQueue => Set<Risk.RiskQueueEntry>();

    public DbSet<Risk.CustomerTenant> CustomerTenants => Set<Risk.CustomerTenant>();

    public DbSet<Risk.CreditSettings> CreditSettings => Set<Risk.CreditSettings>();

    public DbSet<Credit.CreditRequest> CreditRequests => Set<Credit.CreditRequest>();

    public DbSet<CustomerSearchWord> CustomerSearchWords => Set<CustomerSearchWord>();

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.AddImportTables();
        modelBuilder.AddDailyJobTables();
        modelBuilder.Entity<CustomerSearchWord>(e =>
        {
            e.ToTable("customer_search_words");
            e.HasKey(w => new { w.TenantId, w.Word });
            e.Property(w => w.Word).UseCollation("C"); // code-point order: the words a prefix starts are one range
        });
        modelBuilder.Entity<Risk.ReceivableMovement>(e =>
        {
            e.ToTable("receivable_movements");
            e.HasKey(m => m.Id);
            e.Property(m => m.Id).UseIdentityAlwaysColumn();
            e.Property(m => m.InvoiceNumber).HasMaxLength(50);
            e.Property(m => m.Change).HasPrecision(18, 2);
            e.Property(m => m.Kind).HasMaxLength(12);
            e.HasIndex(m => new { m.TenantId, m.CustomerId });
        });
        modelBuilder.Entity<Credit.CreditRequest>(e =>
        {
            e.ToTable("credit_requests");
            e.HasKey(r => r.Id);
            e.Property(r => r.RequestedLimit).HasPrecision(18, 2);
            e.Property(r => r.PreviousLimit).HasPrecision(18, 2);
            e.Property(r => r.ApprovedLimit).HasPrecision(18, 2);
            e.Property(r => r.OverrideLimit).HasPrecision(18, 2);
            e.Property(r => r.Reason).HasMaxLength(500);
            e.Property(r => r.RequestedBy).HasMaxLength(200);
            e.Property(r => r.Decision).HasMaxLength(20);
            e.Property(r => r.OverrideDecision).HasMaxLength(20);
            e.Property(r => r.OverrideNote).HasMaxLength(1000);
            e.Property(r => r.OverriddenBy).HasMaxLength(200);
            e.Property(r => r.Reasons).HasColumnType("jsonb");
            e.HasIndex(r => new { r.TenantId, r.CustomerId, r.RequestedAt });
        });
        modelBuilder.Entity<Risk.RiskQueueEntry>(e =>
        {
            e.ToTable("risk_queue");
            e.HasKey(q => new { q.TenantId, q.CustomerId });
        });
        modelBuilder.Entity<Risk.CustomerTenant>(e =>
        {
            e.ToTable("customer_tenants");
            e.HasKey(t => t.Id);
            e.Property(t => t.Id).ValueGeneratedNever();
        });
        modelBuilder.Entity<Risk.CreditSettings>(e =>
        {
            e.ToTable("credit_settings");
            e.HasKey(s => s.TenantId);
        });
        modelBuilder.Entity<Contacts.Contact>(e =>
        {
            e.ToTable("contacts");
            e.HasKey(c => c.Id);
            e.Property(c => c.Name).HasMaxLength(200);
            e.Property(c => c.Role).HasMaxLength(100);
            e.Property(c => c.EscalationLevel).HasMaxLength(2);
            e.Property(c => c.Phone).HasMaxLength(20);
            e.Property(c => c.Email).HasMaxLength(200);
            e.Property(c => c.PreferredChannel).HasMaxLength(10);
            e.HasIndex(c => new { c.TenantId, c.CustomerId });
        });
        modelBuilder.Entity<Credit.CreditLimitChange>(e =>
        {
            e.ToTable("credit_limit_changes");
            e.HasKey(c => c.Id);
            e.Property(c => c.OldLimit).HasPrecision(18, 2);
            e.Property(c => c.NewLimit).HasPrecision(18, 2);
            e.Property(c => c.Reason).HasMaxLength(500);
            e.Property(c => c.ChangedBy).HasMaxLength(200);
            e.HasIndex(c => new { c.TenantId, c.CustomerId, c.ChangedAt });
        });
        modelBuilder.Entity<Customer>(e =>
    {
        e.ToTable("customers");
        e.HasKey(c => c.Id);
        e.Property(c => c.Code).HasMaxLength(50);
        e.Property(c => c.Name).HasMaxLength(200);
        e.Property(c => c.Gstin).HasMaxLength(15);
        e.Property(c => c.DefaultDiscountPercent).HasPrecision(5, 2);
        e.Ignore(c => c.DefaultTerms);
        e.Property(c => c.TradeName).HasMaxLength(200);
        e.Property(c => c.Type).HasMaxLength(20);
        e.Property(c => c.Status).HasMaxLength(20);
        e.Property(c => c.Pan).HasMaxLength(10);
        e.Property(c => c.StateCode).HasMaxLength(2);
        e.Property(c => c.StateName).HasMaxLength(100);
        e.Property(c => c.Region).HasMaxLength(20);
        e.Property(c => c.HierarchyPath).HasMaxLength(2000);
        e.Property(c => c.AssignedCollector).HasMaxLength(100);
        e.Property(c => c.Portfolio).HasMaxLength(100);
        e.Property(c => c.Addresses).HasColumnType("jsonb");
        // Pattern operators let "everything under" (hierarchy_path LIKE 'path%') use the index: under the database's
        // C.UTF-8 collation PostgreSQL 15 cannot turn a LIKE prefix into a range of the plain index, so a subtree was a
        // sequential scan (ADR 0010).
        e.HasIndex(c => new { c.TenantId, c.HierarchyPath }).HasOperators("uuid_ops", "varchar_pattern_ops");
        e.HasIndex(c => new { c.TenantId, c.Region, c.StateCode });
        e.HasIndex(c => new { c.TenantId, c.AssignedCollector });
        e.Property(c => c.CreditLimit).HasPrecision(18, 2);
        e.Property(c => c.Exposure).HasPrecision(18, 2);
        e.Property(c => c.HoldReason).HasMaxLength(500);
        e.Property(c => c.OldestOverdueInvoice).HasMaxLength(50);
        e.Property(c => c.RiskRating).HasMaxLength(1);
        e.Property(c => c.RiskFactors).HasColumnType("jsonb");
        // Imported customers have no rating yet and many have no GSTIN: partial indexes leave those rows out (every index
        // an import writes costs it per row, ADR 0012), and "rating=unrated" is found through the other filters. A state
        // alone is found through (tenant, region, state), as the region comes with the state.
        e.HasIndex(c => new { c.TenantId, c.RiskRating }).HasFilter("risk_rating IS NOT NULL");
        e.HasIndex(c => new { c.TenantId, c.Gstin }).HasFilter("gstin IS NOT NULL");
        e.HasIndex(c => c.TenantId).HasFilter("on_hold").HasDatabaseName("ix_customers_on_hold");
        // New entries wait in a small pending list (1 MB) and are merged in bulk, so imports insert much faster than
        // with fastupdate off (ADR 0010), and a search scans at most 1 MB of unmerged entries.
        e.HasIndex(c => c.SearchVector).HasMethod("gin").HasStorageParameter("fastupdate", true).HasStorageParameter("gin_pending_list_limit", 1024);
        e.HasIndex(c => new { c.TenantId, c.Code }).IsUnique();
    });
    }
}

public sealed class CustomersDbContextFactory : DesignTimeFactory<CustomersDbContext>;
