using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ArPlatform.Reporting.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class SettlementKind : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "pk_settlements",
                table: "settlements");

            migrationBuilder.AddColumn<string>(
                name: "kind",
                table: "settlements",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddPrimaryKey(
                name: "pk_settlements",
                table: "settlements",
                columns: new[] { "payment_id", "invoice_id", "kind" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "pk_settlements",
                table: "settlements");

            migrationBuilder.DropColumn(
                name: "kind",
                table: "settlements");

            migrationBuilder.AddPrimaryKey(
                name: "pk_settlements",
                table: "settlements",
                columns: new[] { "payment_id", "invoice_id" });
        }
    }
}
