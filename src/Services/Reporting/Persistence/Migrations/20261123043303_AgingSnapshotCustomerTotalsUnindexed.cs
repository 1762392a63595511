using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ArPlatform.Reporting.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class AgingSnapshotCustomerTotalsUnindexed : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_aging_snapshot_customers_owing",
                table: "aging_snapshot_customers");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_aging_snapshot_customers_owing",
                table: "aging_snapshot_customers",
                columns: new[] { "tenant_id", "total", "customer_id" },
                descending: new[] { false, true, false },
                filter: "total <> 0");
        }
    }
}
