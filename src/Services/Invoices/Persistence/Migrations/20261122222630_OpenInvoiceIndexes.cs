using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ArPlatform.Invoices.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class OpenInvoiceIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Payments walk a customer's open invoices oldest due first (ordinal number order, as the allocator sorts)
            // and sum only entries after the invoice's own: both read from these indexes (see PaymentEndpoints).
            migrationBuilder.Sql("""
                CREATE INDEX ix_invoices_oldest_due ON invoices (tenant_id, customer_id, due_date, invoice_date, number COLLATE "C")
                WHERE cancelled_on IS NULL;
                CREATE INDEX ix_ledger_entries_settlements ON ledger_entries (tenant_id, customer_id, invoice_id) INCLUDE (amount)
                WHERE kind <> 'invoice';
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX ix_invoices_oldest_due; DROP INDEX ix_ledger_entries_settlements;");
        }
    }
}
