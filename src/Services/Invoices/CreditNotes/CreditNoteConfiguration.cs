using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ArPlatform.Invoices.CreditNotes;

internal sealed class CreditNoteConfiguration : IEntityTypeConfiguration<CreditNote>
{
    public void Configure(EntityTypeBuilder<CreditNote> builder)
    {
        builder.ToTable("credit_notes");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Number).HasMaxLength(50);
        builder.Property(c => c.Amount).HasPrecision(18, 2);
        builder.HasIndex(c => new { c.TenantId, c.Number }).IsUnique();
    }
}
