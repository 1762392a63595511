using System;
using ArPlatform.BuildingBlocks.Persistence;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ArPlatform.Reporting.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ExpectedCollections : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<decimal>(
                name: "collected_days_late",
                table: "tenant_ledger_months",
                type: "numeric(22,2)",
                precision: 22,
                scale: 2,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<decimal>(
                name: "collected_days_late",
                table: "tenant_ledger_days",
                type: "numeric(22,2)",
                precision: 22,
                scale: 2,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<decimal>(
                name: "collected_days_late",
                table: "ledger_months",
                type: "numeric(22,2)",
                precision: 22,
                scale: 2,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<decimal>(
                name: "collected_days_late",
                table: "ledger_days",
                type: "numeric(22,2)",
                precision: 22,
                scale: 2,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.CreateTable(
                name: "open_items",
                columns: table => new
                {
                    invoice_id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    customer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    due_date = table.Column<DateOnly>(type: "date", nullable: false),
                    open_amount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_open_items", x => x.invoice_id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_open_items_tenant_id_due_date",
                table: "open_items",
                columns: new[] { "tenant_id", "due_date" },
                filter: "open_amount > 0")
                .Annotation("Npgsql:IndexInclude", new[] { "customer_id", "open_amount" });

            migrationBuilder.EnableTenantIsolation("open_items");

            // Ledgers built before this have neither the new column's sums nor open items: each tenant's is built again on its
            // next read. TRUNCATE, unlike DELETE, is not filtered by the tenant policy.
            migrationBuilder.Sql("TRUNCATE ledger_states, ledger_days, ledger_months, tenant_ledger_days, tenant_ledger_months;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "open_items");

            migrationBuilder.DropColumn(
                name: "collected_days_late",
                table: "tenant_ledger_months");

            migrationBuilder.DropColumn(
                name: "collected_days_late",
                table: "tenant_ledger_days");

            migrationBuilder.DropColumn(
                name: "collected_days_late",
                table: "ledger_months");

            migrationBuilder.DropColumn(
                name: "collected_days_late",
                table: "ledger_days");
        }
    }
}
