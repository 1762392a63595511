using ArPlatform.BuildingBlocks.Persistence;
using ArPlatform.BuildingBlocks.Tenancy;
using ArPlatform.Invoices.CreditNotes;
using ArPlatform.Invoices.Invoices;
using ArPlatform.Invoices.Ledger;
using ArPlatform.Invoices.Payments;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Invoices.Persistence;

public sealed class InvoicesDbContext(DbContextOptions<InvoicesDbContext> options, ITenantContext tenant) : TenantDbContext(options, tenant)
{
    public DbSet<Invoice> Invoices => Set<Invoice>();

    public DbSet<Payment> Payments => Set<Payment>();

    public DbSet<LedgerEntry> Ledger => Set<LedgerEntry>();

    public DbSet<CreditNote> CreditNotes => Set<CreditNote>();

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Invoice>(e =>
        {
            e.ToTable("invoices");
            e.HasKey(i => i.Id);
            e.Property(i => i.Number).HasMaxLength(50);
            e.Property(i => i.Amount).HasPrecision(18, 2);
            e.Property(i => i.Currency).HasMaxLength(3);
            e.Property(i => i.DiscountPercent).HasPrecision(5, 2);
            e.HasIndex(i => new { i.TenantId, i.Number }).IsUnique();
            e.HasIndex(i => new { i.TenantId, i.CustomerId });
        });
        modelBuilder.Entity<Payment>(e =>
        {
            e.ToTable("payments");
            e.HasKey(p => p.Id);
            e.Property(p => p.Amount).HasPrecision(18, 2);
            e.Property(p => p.TdsAmount).HasPrecision(18, 2);
            e.Property(p => p.TdsSection).HasMaxLength(20);
            e.Property(p => p.Mode).HasMaxLength(10);
            e.Property(p => p.Reference).HasMaxLength(100);
            e.Property(p => p.Bank).HasMaxLength(100);
            e.Property(p => p.Remittance).HasMaxLength(4000);
            e.Property(p => p.ReversalReason).HasMaxLength(500);
            e.HasIndex(p => new { p.TenantId, p.CustomerId, p.ReceivedOn });
        });
        modelBuilder.Entity<CreditNote>(e =>
        {
            e.ToTable("credit_notes");
            e.HasKey(c => c.Id);
            e.Property(c => c.Number).HasMaxLength(50);
            e.Property(c => c.Amount).HasPrecision(18, 2);
            e.HasIndex(c => new { c.TenantId, c.Number }).IsUnique();
        });
        modelBuilder.Entity<LedgerEntry>(e =>
        {
            e.ToTable("ledger_entries");
            e.HasKey(l => l.Id);
            e.Property(l => l.Kind).HasMaxLength(20);
            e.Property(l => l.Amount).HasPrecision(18, 2);
            e.HasIndex(l => new { l.TenantId, l.CustomerId, l.InvoiceId });
            e.HasIndex(l => new { l.TenantId, l.PaymentId });
        });
    }
}

public sealed class InvoicesDbContextFactory : DesignTimeFactory<InvoicesDbContext>;
