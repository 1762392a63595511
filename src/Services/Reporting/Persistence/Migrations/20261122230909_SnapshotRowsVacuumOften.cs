using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ArPlatform.Reporting.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class SnapshotRowsVacuumOften : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Every consumed event rewrites a few snapshot rows: room on each page for updates in place (HOT) and an
            // eager autovacuum keep the table as small as its few thousand live rows, so reads stay fast.
            migrationBuilder.Sql("""
                ALTER TABLE aging_snapshot_rows SET (fillfactor = 50, autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 5000,
                    autovacuum_vacuum_cost_delay = 0);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("ALTER TABLE aging_snapshot_rows RESET (fillfactor, autovacuum_vacuum_scale_factor, autovacuum_vacuum_threshold, autovacuum_vacuum_cost_delay);");
        }
    }
}
