using System;
using ArPlatform.BuildingBlocks.Persistence;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ArPlatform.Collections.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class LeastPrivilege : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<decimal>(
                name: "credit_approval_limit",
                table: "settings",
                type: "numeric(18,2)",
                precision: 18,
                scale: 2,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "resolved_as",
                table: "disputes",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "resolved_by",
                table: "disputes",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "resolved_by_name",
                table: "disputes",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "config_changes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    entity = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    changed_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    changed_by_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    authority = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    old_value = table.Column<string>(type: "jsonb", nullable: true),
                    new_value = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_config_changes", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_config_changes_tenant_id_changed_at",
                table: "config_changes",
                columns: new[] { "tenant_id", "changed_at" });

            migrationBuilder.CreateIndex(
                name: "ix_config_changes_tenant_id_entity_changed_at",
                table: "config_changes",
                columns: new[] { "tenant_id", "entity", "changed_at" });

            migrationBuilder.EnableTenantIsolation("config_changes");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "config_changes");

            migrationBuilder.DropColumn(
                name: "credit_approval_limit",
                table: "settings");

            migrationBuilder.DropColumn(
                name: "resolved_as",
                table: "disputes");

            migrationBuilder.DropColumn(
                name: "resolved_by",
                table: "disputes");

            migrationBuilder.DropColumn(
                name: "resolved_by_name",
                table: "disputes");
        }
    }
}
