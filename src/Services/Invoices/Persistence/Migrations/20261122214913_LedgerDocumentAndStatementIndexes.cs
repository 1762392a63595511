using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ArPlatform.Invoices.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class LedgerDocumentAndStatementIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "document_id",
                table: "ledger_entries",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_ledger_entries_tenant_id_customer_id_effective_date",
                table: "ledger_entries",
                columns: new[] { "tenant_id", "customer_id", "effective_date" });

            migrationBuilder.CreateIndex(
                name: "ix_ledger_entries_tenant_id_invoice_id",
                table: "ledger_entries",
                columns: new[] { "tenant_id", "invoice_id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_ledger_entries_tenant_id_customer_id_effective_date",
                table: "ledger_entries");

            migrationBuilder.DropIndex(
                name: "ix_ledger_entries_tenant_id_invoice_id",
                table: "ledger_entries");

            migrationBuilder.DropColumn(
                name: "document_id",
                table: "ledger_entries");
        }
    }
}
