using System;
using ArPlatform.BuildingBlocks.Persistence;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ArPlatform.Reporting.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class AgingSnapshotCustomerTotals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "aging_snapshot_customers",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    customer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    total = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_aging_snapshot_customers", x => new { x.tenant_id, x.customer_id });
                });

            migrationBuilder.CreateIndex(
                name: "ix_aging_snapshot_customers_owing",
                table: "aging_snapshot_customers",
                columns: new[] { "tenant_id", "total", "customer_id" },
                descending: new[] { false, true, false },
                filter: "total <> 0");
            migrationBuilder.EnableTenantIsolation("aging_snapshot_customers");

            // Updated by every consumed event, like the rows: room for updates in place and an eager autovacuum.
            migrationBuilder.Sql("""
                ALTER TABLE aging_snapshot_customers SET (fillfactor = 50, autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 5000,
                    autovacuum_vacuum_cost_delay = 0);
                INSERT INTO aging_snapshot_customers (tenant_id, customer_id, total)
                SELECT tenant_id, customer_id, sum(amount) FROM aging_snapshot_rows GROUP BY tenant_id, customer_id HAVING sum(amount) <> 0;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DisableTenantIsolation("aging_snapshot_customers");
            migrationBuilder.DropTable(
                name: "aging_snapshot_customers");
        }
    }
}
