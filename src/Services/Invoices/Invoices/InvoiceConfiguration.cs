using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ArPlatform.Invoices.Invoices;

internal sealed class InvoiceConfiguration : IEntityTypeConfiguration<Invoice>
{
    public void Configure(EntityTypeBuilder<Invoice> builder)
    {
        builder.ToTable("invoices");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Number).HasMaxLength(50);
        builder.Property(i => i.Amount).HasPrecision(18, 2);
        builder.Property(i => i.Currency).HasMaxLength(3);
        builder.Property(i => i.DiscountPercent).HasPrecision(5, 2);
        builder.Property(i => i.CustomerCode).HasMaxLength(50);
        builder.Property(i => i.TaxableValue).HasPrecision(18, 2);
        builder.Property(i => i.Cgst).HasPrecision(18, 2);
        builder.Property(i => i.Sgst).HasPrecision(18, 2);
        builder.Property(i => i.Igst).HasPrecision(18, 2);
        builder.Property(i => i.PoReference).HasMaxLength(100);
        builder.Property(i => i.DealerCode).HasMaxLength(50);
        builder.Property(i => i.StatutoryForm).HasMaxLength(5);
        builder.Property(i => i.ExpectedTdsSection).HasMaxLength(20);
        builder.Property(i => i.ExpectedTdsRate).HasPrecision(6, 3);
        builder.Property(i => i.CancellationReason).HasMaxLength(500);
        builder.Property(i => i.OpenAmount).HasPrecision(18, 2);
        builder.Property(i => i.WrittenOff).HasPrecision(18, 2);
        builder.Property(i => i.Debited).HasPrecision(18, 2);
        builder.Property(i => i.Status).HasMaxLength(20).HasComputedColumnSql(InvoiceStatuses.Sql, stored: true);
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("ck_invoices_open_within_owed", "open_amount >= 0 AND open_amount <= amount + debited");
            t.HasCheckConstraint("ck_invoices_kept_sums", "written_off >= 0 AND debited >= 0 AND amount > 0");
            t.HasCheckConstraint("ck_invoices_cancelled_owes_nothing", "cancelled_on IS NULL OR (open_amount = 0 AND written_off = 0 AND debited = 0)");
            t.HasCheckConstraint("ck_invoices_dates", "invoice_date >= DATE '2000-01-01' AND due_date >= invoice_date AND due_date < DATE '2100-01-01'");
        });
        builder.Ignore(i => i.ExpectedTdsAmount);
        builder.HasMany(i => i.Lines).WithOne().HasForeignKey(l => l.InvoiceId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(i => new { i.TenantId, i.Number }).IsUnique();
        builder.HasIndex(i => new { i.TenantId, i.CustomerId });
        builder.HasIndex(i => new { i.TenantId, i.DueDate });
    }
}
