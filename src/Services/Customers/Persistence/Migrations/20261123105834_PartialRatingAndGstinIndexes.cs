using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ArPlatform.Customers.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class PartialRatingAndGstinIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_customers_tenant_id_gstin",
                table: "customers");

            migrationBuilder.DropIndex(
                name: "ix_customers_tenant_id_risk_rating",
                table: "customers");

            migrationBuilder.DropIndex(
                name: "ix_customers_tenant_id_state_code",
                table: "customers");

            migrationBuilder.CreateIndex(
                name: "ix_customers_tenant_id_gstin",
                table: "customers",
                columns: new[] { "tenant_id", "gstin" },
                filter: "gstin IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_customers_tenant_id_risk_rating",
                table: "customers",
                columns: new[] { "tenant_id", "risk_rating" },
                filter: "risk_rating IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_customers_tenant_id_gstin",
                table: "customers");

            migrationBuilder.DropIndex(
                name: "ix_customers_tenant_id_risk_rating",
                table: "customers");

            migrationBuilder.CreateIndex(
                name: "ix_customers_tenant_id_gstin",
                table: "customers",
                columns: new[] { "tenant_id", "gstin" });

            migrationBuilder.CreateIndex(
                name: "ix_customers_tenant_id_risk_rating",
                table: "customers",
                columns: new[] { "tenant_id", "risk_rating" });

            migrationBuilder.CreateIndex(
                name: "ix_customers_tenant_id_state_code",
                table: "customers",
                columns: new[] { "tenant_id", "state_code" });
        }
    }
}
