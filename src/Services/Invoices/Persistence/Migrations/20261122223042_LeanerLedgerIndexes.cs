using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ArPlatform.Invoices.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class LeanerLedgerIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_ledger_entries_tenant_id_customer_id_invoice_id",
                table: "ledger_entries");

            migrationBuilder.DropIndex(
                name: "ix_ledger_entries_tenant_id_payment_id",
                table: "ledger_entries");

            migrationBuilder.CreateIndex(
                name: "ix_ledger_entries_tenant_id_payment_id",
                table: "ledger_entries",
                columns: new[] { "tenant_id", "payment_id" },
                filter: "payment_id IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_ledger_entries_tenant_id_payment_id",
                table: "ledger_entries");

            migrationBuilder.CreateIndex(
                name: "ix_ledger_entries_tenant_id_customer_id_invoice_id",
                table: "ledger_entries",
                columns: new[] { "tenant_id", "customer_id", "invoice_id" });

            migrationBuilder.CreateIndex(
                name: "ix_ledger_entries_tenant_id_payment_id",
                table: "ledger_entries",
                columns: new[] { "tenant_id", "payment_id" });
        }
    }
}
