using System;
using ArPlatform.BuildingBlocks.Persistence;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ArPlatform.Reporting.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class AgingSnapshotTenantTotals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "aging_snapshot_totals",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    slot = table.Column<short>(type: "smallint", nullable: false),
                    amounts = table.Column<decimal[]>(type: "numeric(18,2)[]", nullable: false),
                    owing_customers = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_aging_snapshot_totals", x => new { x.tenant_id, x.slot });
                });
            migrationBuilder.EnableTenantIsolation("aging_snapshot_totals");

            // Every consumed event updates a row: room for updates in place and an eager autovacuum, as for the snapshot's
            // other tables. Snapshots built before there were totals are marked stale, so the next read rebuilds them
            // with their totals.
            migrationBuilder.Sql("""
                ALTER TABLE aging_snapshot_totals SET (fillfactor = 50, autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 1000,
                    autovacuum_vacuum_cost_delay = 0);
                UPDATE aging_snapshots SET as_of = '-infinity', upper_bounds = '{}';
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DisableTenantIsolation("aging_snapshot_totals");
            migrationBuilder.DropTable(
                name: "aging_snapshot_totals");
        }
    }
}
