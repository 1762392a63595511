using ArPlatform.BuildingBlocks.Persistence;
﻿using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ArPlatform.Customers.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class CreditRequests : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "credit_requests",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    customer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    requested_limit = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    requested_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    requested_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    previous_limit = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    decision = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    approved_limit = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    reasons = table.Column<string>(type: "jsonb", nullable: false),
                    override_decision = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    override_limit = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    override_note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    overridden_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    overridden_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_credit_requests", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_credit_requests_tenant_id_customer_id_requested_at",
                table: "credit_requests",
                columns: new[] { "tenant_id", "customer_id", "requested_at" });

            migrationBuilder.EnableTenantIsolation("credit_requests");

            // Customers from before addresses and risk factors existed got '{}' (an object) where a JSON array belongs.
            migrationBuilder.Sql("""
                UPDATE customers SET addresses = '[]' WHERE addresses = '{}';
                UPDATE customers SET risk_factors = '[]' WHERE risk_factors = '{}';
                ALTER TABLE customers ALTER COLUMN addresses SET DEFAULT '[]', ALTER COLUMN risk_factors SET DEFAULT '[]';
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "credit_requests");
        }
    }
}
