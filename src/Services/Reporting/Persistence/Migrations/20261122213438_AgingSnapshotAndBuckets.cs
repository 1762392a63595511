using ArPlatform.BuildingBlocks.Persistence;
﻿using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ArPlatform.Reporting.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class AgingSnapshotAndBuckets : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "pk_settlements",
                table: "settlements");

            migrationBuilder.AddColumn<Guid>(
                name: "id",
                table: "settlements",
                type: "uuid",
                nullable: false,
                defaultValueSql: "gen_random_uuid()"); // existing rows get distinct ids; new ones are given by the service

            migrationBuilder.AddColumn<string>(
                name: "dealer_code",
                table: "receivables",
                type: "character varying(50)",
                maxLength: 50,
                nullable: true);

            migrationBuilder.AddPrimaryKey(
                name: "pk_settlements",
                table: "settlements",
                column: "id");

            migrationBuilder.CreateTable(
                name: "aging_settings",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    upper_bounds = table.Column<int[]>(type: "integer[]", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_aging_settings", x => x.tenant_id);
                });

            migrationBuilder.CreateTable(
                name: "aging_snapshot_rows",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    customer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    bucket = table.Column<int>(type: "integer", nullable: false),
                    amount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_aging_snapshot_rows", x => new { x.tenant_id, x.customer_id, x.bucket });
                });

            migrationBuilder.CreateTable(
                name: "aging_snapshots",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    as_of = table.Column<DateOnly>(type: "date", nullable: false),
                    upper_bounds = table.Column<int[]>(type: "integer[]", nullable: false),
                    rebuilt_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_aging_snapshots", x => x.tenant_id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_settlements_tenant_id_invoice_id",
                table: "settlements",
                columns: new[] { "tenant_id", "invoice_id" });

            migrationBuilder.CreateIndex(
                name: "ix_receivables_tenant_id_dealer_code",
                table: "receivables",
                columns: new[] { "tenant_id", "dealer_code" });

            migrationBuilder.EnableTenantIsolation("aging_settings");
            migrationBuilder.EnableTenantIsolation("aging_snapshots");
            migrationBuilder.EnableTenantIsolation("aging_snapshot_rows");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "aging_settings");

            migrationBuilder.DropTable(
                name: "aging_snapshot_rows");

            migrationBuilder.DropTable(
                name: "aging_snapshots");

            migrationBuilder.DropPrimaryKey(
                name: "pk_settlements",
                table: "settlements");

            migrationBuilder.DropIndex(
                name: "ix_settlements_tenant_id_invoice_id",
                table: "settlements");

            migrationBuilder.DropIndex(
                name: "ix_receivables_tenant_id_dealer_code",
                table: "receivables");

            migrationBuilder.DropColumn(
                name: "id",
                table: "settlements");

            migrationBuilder.DropColumn(
                name: "dealer_code",
                table: "receivables");

            migrationBuilder.AddPrimaryKey(
                name: "pk_settlements",
                table: "settlements",
                columns: new[] { "payment_id", "invoice_id", "kind" });
        }
    }
}
