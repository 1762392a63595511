using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ArPlatform.Identity.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class TakingAccessBack : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "reinstated_at",
                table: "tenants",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "reinstated_by",
                table: "tenants",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "suspended_at",
                table: "tenants",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "suspended_by",
                table: "tenants",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "suspension_reason",
                table: "tenants",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "sessions_ended_at",
                table: "staff_users",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "disabled_at",
                table: "api_clients",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "disabled_by",
                table: "api_clients",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "enabled_at",
                table: "api_clients",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "enabled_by",
                table: "api_clients",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "previous_secret_hash",
                table: "api_clients",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "previous_secret_valid_until",
                table: "api_clients",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "secret_rotated_at",
                table: "api_clients",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "secret_rotated_by",
                table: "api_clients",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "access_changes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    action = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    concerns_tenant = table.Column<Guid>(type: "uuid", nullable: true),
                    subject = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    detail = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_access_changes", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_access_changes_at",
                table: "access_changes",
                column: "at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "access_changes");

            migrationBuilder.DropColumn(
                name: "reinstated_at",
                table: "tenants");

            migrationBuilder.DropColumn(
                name: "reinstated_by",
                table: "tenants");

            migrationBuilder.DropColumn(
                name: "suspended_at",
                table: "tenants");

            migrationBuilder.DropColumn(
                name: "suspended_by",
                table: "tenants");

            migrationBuilder.DropColumn(
                name: "suspension_reason",
                table: "tenants");

            migrationBuilder.DropColumn(
                name: "sessions_ended_at",
                table: "staff_users");

            migrationBuilder.DropColumn(
                name: "disabled_at",
                table: "api_clients");

            migrationBuilder.DropColumn(
                name: "disabled_by",
                table: "api_clients");

            migrationBuilder.DropColumn(
                name: "enabled_at",
                table: "api_clients");

            migrationBuilder.DropColumn(
                name: "enabled_by",
                table: "api_clients");

            migrationBuilder.DropColumn(
                name: "previous_secret_hash",
                table: "api_clients");

            migrationBuilder.DropColumn(
                name: "previous_secret_valid_until",
                table: "api_clients");

            migrationBuilder.DropColumn(
                name: "secret_rotated_at",
                table: "api_clients");

            migrationBuilder.DropColumn(
                name: "secret_rotated_by",
                table: "api_clients");
        }
    }
}
