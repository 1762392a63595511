using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ArPlatform.Invoices.DebitNotes;

internal sealed class DebitNoteConfiguration : IEntityTypeConfiguration<DebitNote>
{
    public void Configure(EntityTypeBuilder<DebitNote> builder)
    {
        builder.ToTable("debit_notes");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Number).HasMaxLength(50);
        builder.Property(d => d.Amount).HasPrecision(18, 2);
        builder.Property(d => d.Reason).HasMaxLength(500);
        builder.HasIndex(d => new { d.TenantId, d.Number }).IsUnique();
    }
}
