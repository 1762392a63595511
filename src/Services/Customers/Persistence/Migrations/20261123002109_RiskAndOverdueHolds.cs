using ArPlatform.BuildingBlocks.Persistence;
﻿using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ArPlatform.Customers.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class RiskAndOverdueHolds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "hold_automatic",
                table: "customers",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "oldest_overdue_invoice",
                table: "customers",
                type: "character varying(50)",
                maxLength: 50,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "overdue_days",
                table: "customers",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "risk_factors",
                table: "customers",
                type: "jsonb",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "risk_rating",
                table: "customers",
                type: "character varying(1)",
                maxLength: 1,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "risk_score",
                table: "customers",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "risk_scored_on",
                table: "customers",
                type: "date",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "credit_settings",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    overdue_hold_days = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_credit_settings", x => x.tenant_id);
                });

            migrationBuilder.CreateTable(
                name: "customer_tenants",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    rescored_on = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_customer_tenants", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "receivable_movements",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    customer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    invoice_id = table.Column<Guid>(type: "uuid", nullable: false),
                    invoice_number = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    due_date = table.Column<DateOnly>(type: "date", nullable: false),
                    effective_date = table.Column<DateOnly>(type: "date", nullable: false),
                    change = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    kind = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    payment_id = table.Column<Guid>(type: "uuid", nullable: true),
                    days_late = table.Column<int>(type: "integer", nullable: true),
                    reversed_on = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_receivable_movements", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "risk_queue",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    customer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    enqueued_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_risk_queue", x => new { x.tenant_id, x.customer_id });
                });

            migrationBuilder.CreateIndex(
                name: "ix_customers_tenant_id_risk_rating",
                table: "customers",
                columns: new[] { "tenant_id", "risk_rating" });

            migrationBuilder.CreateIndex(
                name: "ix_receivable_movements_tenant_id_customer_id",
                table: "receivable_movements",
                columns: new[] { "tenant_id", "customer_id" });

            migrationBuilder.EnableTenantIsolation("receivable_movements");
            migrationBuilder.EnableTenantIsolation("credit_settings");
            migrationBuilder.Sql("UPDATE customers SET hold_automatic = true WHERE on_hold AND hold_reason = 'exposure over the credit limit';");
            migrationBuilder.Sql("INSERT INTO customer_tenants (id) SELECT DISTINCT tenant_id FROM customers ON CONFLICT DO NOTHING;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "credit_settings");

            migrationBuilder.DropTable(
                name: "customer_tenants");

            migrationBuilder.DropTable(
                name: "receivable_movements");

            migrationBuilder.DropTable(
                name: "risk_queue");

            migrationBuilder.DropIndex(
                name: "ix_customers_tenant_id_risk_rating",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "hold_automatic",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "oldest_overdue_invoice",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "overdue_days",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "risk_factors",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "risk_rating",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "risk_score",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "risk_scored_on",
                table: "customers");
        }
    }
}
