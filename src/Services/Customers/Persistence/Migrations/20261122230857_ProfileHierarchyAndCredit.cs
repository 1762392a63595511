using ArPlatform.BuildingBlocks.Persistence;
﻿using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ArPlatform.Customers.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ProfileHierarchyAndCredit : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "addresses",
                table: "customers",
                type: "jsonb",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "assigned_collector",
                table: "customers",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "credit_limit",
                table: "customers",
                type: "numeric(18,2)",
                precision: 18,
                scale: 2,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "exposure",
                table: "customers",
                type: "numeric(18,2)",
                precision: 18,
                scale: 2,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<string>(
                name: "hierarchy_path",
                table: "customers",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "hold_reason",
                table: "customers",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "on_hold",
                table: "customers",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "pan",
                table: "customers",
                type: "character varying(10)",
                maxLength: 10,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "parent_id",
                table: "customers",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "portfolio",
                table: "customers",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "region",
                table: "customers",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "state_code",
                table: "customers",
                type: "character varying(2)",
                maxLength: 2,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "state_name",
                table: "customers",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "status",
                table: "customers",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string[]>(
                name: "tags",
                table: "customers",
                type: "text[]",
                nullable: false,
                defaultValue: new string[0]);

            migrationBuilder.AddColumn<string>(
                name: "trade_name",
                table: "customers",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "type",
                table: "customers",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "");

            // Customers registered before these columns existed: a root of their own hierarchy, corporate, active.
            migrationBuilder.Sql("UPDATE customers SET hierarchy_path = '/' || id || '/', type = 'corporate', status = 'active' WHERE hierarchy_path = ''");

            migrationBuilder.CreateTable(
                name: "credit_limit_changes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    customer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    old_limit = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    new_limit = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    changed_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_credit_limit_changes", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_customers_tenant_id_assigned_collector",
                table: "customers",
                columns: new[] { "tenant_id", "assigned_collector" });

            migrationBuilder.CreateIndex(
                name: "ix_customers_tenant_id_hierarchy_path",
                table: "customers",
                columns: new[] { "tenant_id", "hierarchy_path" });

            migrationBuilder.CreateIndex(
                name: "ix_customers_tenant_id_region_state_code",
                table: "customers",
                columns: new[] { "tenant_id", "region", "state_code" });

            migrationBuilder.CreateIndex(
                name: "ix_credit_limit_changes_tenant_id_customer_id_changed_at",
                table: "credit_limit_changes",
                columns: new[] { "tenant_id", "customer_id", "changed_at" });

            migrationBuilder.EnableTenantIsolation("credit_limit_changes");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "credit_limit_changes");

            migrationBuilder.DropIndex(
                name: "ix_customers_tenant_id_assigned_collector",
                table: "customers");

            migrationBuilder.DropIndex(
                name: "ix_customers_tenant_id_hierarchy_path",
                table: "customers");

            migrationBuilder.DropIndex(
                name: "ix_customers_tenant_id_region_state_code",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "addresses",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "assigned_collector",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "credit_limit",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "exposure",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "hierarchy_path",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "hold_reason",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "on_hold",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "pan",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "parent_id",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "portfolio",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "region",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "state_code",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "state_name",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "status",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "tags",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "trade_name",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "type",
                table: "customers");
        }
    }
}
