using ArPlatform.BuildingBlocks.Persistence;
using ArPlatform.Invoices.CreditNotes;
using ArPlatform.Invoices.Customers;
using ArPlatform.Invoices.DebitNotes;
using ArPlatform.Invoices.Invoices;
using ArPlatform.Invoices.Ledger;
using ArPlatform.Invoices.Notices;
using ArPlatform.Invoices.Payments;
using ArPlatform.Invoices.Tenants;
using ArPlatform.BuildingBlocks.Imports;
using ArPlatform.BuildingBlocks.Jobs;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Invoices.Persistence;

public sealed class InvoicesDbContext(DbContextOptions<InvoicesDbContext> options) : TenantDbContext(options)
{
    public DbSet<Invoice> Invoices => Set<Invoice>();

    public DbSet<Payment> Payments => Set<Payment>();

    public DbSet<LedgerEntry> Ledger => Set<LedgerEntry>();

    public DbSet<CreditNote> CreditNotes => Set<CreditNote>();

    public DbSet<DebitNote> DebitNotes => Set<DebitNote>();

    public DbSet<KnownCustomer> Customers => Set<KnownCustomer>();

    public DbSet<KnownTenant> Tenants => Set<KnownTenant>();

    public DbSet<InvoiceSettings> InvoiceSettings => Set<InvoiceSettings>();

    public DbSet<InvoiceNotice> Notices => Set<InvoiceNotice>();

    public DbSet<Statements.MonthlyStatement> MonthlyStatements => Set<Statements.MonthlyStatement>();

    public DbSet<ImportJob> ImportJobs => Set<ImportJob>();

    public DbSet<ImportChunk> ImportChunks => Set<ImportChunk>();

    public DbSet<ImportQueueEntry> ImportQueue => Set<ImportQueueEntry>();

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
            e.Property(i => i.CustomerCode).HasMaxLength(50);
            e.Property(i => i.TaxableValue).HasPrecision(18, 2);
            e.Property(i => i.Cgst).HasPrecision(18, 2);
            e.Property(i => i.Sgst).HasPrecision(18, 2);
            e.Property(i => i.Igst).HasPrecision(18, 2);
            e.Property(i => i.PoReference).HasMaxLength(100);
            e.Property(i => i.DealerCode).HasMaxLength(50);
            e.Property(i => i.StatutoryForm).HasMaxLength(5);
            e.Property(i => i.ExpectedTdsSection).HasMaxLength(20);
            e.Property(i => i.ExpectedTdsRate).HasPrecision(6, 3);
            e.Property(i => i.CancellationReason).HasMaxLength(500);
            e.Property(i => i.OpenAmount).HasPrecision(18, 2);
            e.Property(i => i.WrittenOff).HasPrecision(18, 2);
            e.Property(i => i.Debited).HasPrecision(18, 2);
            e.Property(i => i.Status).HasMaxLength(20).HasComputedColumnSql(InvoiceStatuses.Sql, stored: true);
            e.ToTable(t =>
            {
                t.HasCheckConstraint("ck_invoices_open_within_owed", "open_amount >= 0 AND open_amount <= amount + debited");
                t.HasCheckConstraint("ck_invoices_kept_sums", "written_off >= 0 AND debited >= 0 AND amount > 0");
                t.HasCheckConstraint("ck_invoices_cancelled_owes_nothing", "cancelled_on IS NULL OR (open_amount = 0 AND written_off = 0 AND debited = 0)");
                t.HasCheckConstraint("ck_invoices_dates", "invoice_date >= DATE '2000-01-01' AND due_date >= invoice_date AND due_date < DATE '2100-01-01'");
            });
            e.Ignore(i => i.ExpectedTdsAmount);
            e.HasMany(i => i.Lines).WithOne().HasForeignKey(l => l.InvoiceId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(i => new { i.TenantId, i.Number }).IsUnique();
            e.HasIndex(i => new { i.TenantId, i.CustomerId });
            e.HasIndex(i => new { i.TenantId, i.DueDate });
        });
        modelBuilder.Entity<InvoiceLine>(e =>
        {
            e.ToTable("invoice_lines");
            e.HasKey(l => new { l.InvoiceId, l.LineNumber });
            e.Property(l => l.Description).HasMaxLength(500);
            e.Property(l => l.HsnSac).HasMaxLength(8);
            e.Property(l => l.Quantity).HasPrecision(18, 3);
            e.Property(l => l.UnitPrice).HasPrecision(18, 2);
            e.Property(l => l.TaxableValue).HasPrecision(18, 2);
            e.Property(l => l.Cgst).HasPrecision(18, 2);
            e.Property(l => l.Sgst).HasPrecision(18, 2);
            e.Property(l => l.Igst).HasPrecision(18, 2);
            e.Property(l => l.LineTotal).HasPrecision(18, 2);
        });
        modelBuilder.Entity<KnownCustomer>(e =>
        {
            e.ToTable("customers");
            e.HasKey(c => c.Id);
            e.Property(c => c.Code).HasMaxLength(50);
            e.Property(c => c.DefaultDiscountPercent).HasPrecision(5, 2);
            e.HasIndex(c => new { c.TenantId, c.Code });
        });
        modelBuilder.Entity<KnownTenant>(e =>
        {
            e.ToTable("tenants");
            e.HasKey(t => t.Id);
            e.Property(t => t.Id).ValueGeneratedNever();
        });
        modelBuilder.Entity<InvoiceSettings>(e =>
        {
            e.ToTable("invoice_settings");
            e.HasKey(s => s.TenantId);
            e.Property(s => s.TenantId).ValueGeneratedNever();
        });
        modelBuilder.Entity<InvoiceNotice>(e =>
        {
            e.ToTable("invoice_notices");
            e.HasKey(n => new { n.InvoiceId, n.Kind });
            e.Property(n => n.Kind).HasMaxLength(20);
        });
        modelBuilder.Entity<Statements.MonthlyStatement>(e =>
        {
            e.ToTable("monthly_statements");
            e.HasKey(m => new { m.TenantId, m.CustomerId, m.Month });
            e.Property(m => m.OpeningBalance).HasPrecision(18, 2);
            e.Property(m => m.ClosingBalance).HasPrecision(18, 2);
            e.Property(m => m.Body).HasColumnType("jsonb");
        });
        modelBuilder.AddImportTables();
        modelBuilder.AddDailyJobTables();
        modelBuilder.Entity<DebitNote>(e =>
        {
            e.ToTable("debit_notes");
            e.HasKey(d => d.Id);
            e.Property(d => d.Number).HasMaxLength(50);
            e.Property(d => d.Amount).HasPrecision(18, 2);
            e.Property(d => d.Reason).HasMaxLength(500);
            e.HasIndex(d => new { d.TenantId, d.Number }).IsUnique();
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
            e.Property(p => p.UnappliedAmount).HasPrecision(18, 2);
            e.ToTable(t =>
            {
                t.HasCheckConstraint("ck_payments_unapplied_within_amount", "unapplied_amount >= 0 AND unapplied_amount <= amount");
                t.HasCheckConstraint("ck_payments_dates", "received_on >= DATE '2000-01-01' AND (reversed_on IS NULL OR reversed_on >= received_on)");
            });
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
            e.HasIndex(l => l.PaymentId).HasFilter("payment_id IS NOT NULL");
            e.HasIndex(l => new { l.TenantId, l.InvoiceId });
            e.HasIndex(l => new { l.TenantId, l.CustomerId, l.EffectiveDate });
            // The relationship orders a payment's insert before its entries' (the balance trigger needs the row); no navigation.
            e.HasOne<Payment>().WithMany().HasForeignKey(l => l.PaymentId).OnDelete(DeleteBehavior.Restrict);
            e.ToTable(t =>
            {
                t.HasCheckConstraint("ck_ledger_entries_sign", LedgerKinds.SignRuleSql);
                t.HasCheckConstraint("ck_ledger_entries_effective_date", "effective_date >= DATE '2000-01-01'");
            });
        });
    }
}

public sealed class InvoicesDbContextFactory : DesignTimeFactory<InvoicesDbContext>;
