using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ArPlatform.Customers.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class HierarchyPathPatternIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_customers_tenant_id_hierarchy_path",
                table: "customers");

            migrationBuilder.CreateIndex(
                name: "ix_customers_tenant_id_hierarchy_path",
                table: "customers",
                columns: new[] { "tenant_id", "hierarchy_path" })
                .Annotation("Npgsql:IndexOperators", new[] { "uuid_ops", "varchar_pattern_ops" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_customers_tenant_id_hierarchy_path",
                table: "customers");

            migrationBuilder.CreateIndex(
                name: "ix_customers_tenant_id_hierarchy_path",
                table: "customers",
                columns: new[] { "tenant_id", "hierarchy_path" });
        }
    }
}
