using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ArPlatform.Collections.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class FasterDunningRuns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_items_open_by_customer",
                table: "items");

            migrationBuilder.AlterTable(
                name: "items")
                .Annotation("Npgsql:StorageParameter:fillfactor", 85);

            migrationBuilder.AddColumn<Guid[]>(
                name: "item_ids",
                table: "actions",
                type: "uuid[]",
                nullable: false,
                defaultValueSql: "'{}'::uuid[]");

            migrationBuilder.CreateIndex(
                name: "ix_items_open_by_customer",
                table: "items",
                columns: new[] { "tenant_id", "customer_id", "due_date" },
                filter: "open_amount > 0 AND issued");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_items_open_by_customer",
                table: "items");

            migrationBuilder.DropColumn(
                name: "item_ids",
                table: "actions");

            migrationBuilder.AlterTable(
                name: "items")
                .OldAnnotation("Npgsql:StorageParameter:fillfactor", 85);

            migrationBuilder.CreateIndex(
                name: "ix_items_open_by_customer",
                table: "items",
                columns: new[] { "tenant_id", "customer_id" },
                filter: "open_amount > 0");
        }
    }
}
