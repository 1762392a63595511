using ArPlatform.BuildingBlocks.Persistence;
﻿using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ArPlatform.Reporting.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class PeriodicReports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "daily_job_runs",
                columns: table => new
                {
                    job = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    business_date = table.Column<DateOnly>(type: "date", nullable: false),
                    status = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    owner = table.Column<Guid>(type: "uuid", nullable: false),
                    lease_until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    finished_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    error = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_daily_job_runs", x => new { x.job, x.tenant_id, x.business_date });
                    table.CheckConstraint("ck_daily_job_runs_status", "status IN ('running', 'done', 'failed')");
                });

            migrationBuilder.CreateTable(
                name: "kept_forecasts",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    made_on = table.Column<DateOnly>(type: "date", nullable: false),
                    report = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_kept_forecasts", x => new { x.tenant_id, x.made_on });
                });

            migrationBuilder.CreateTable(
                name: "periodic_reports",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    trigger = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    frequency = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    period_from = table.Column<DateOnly>(type: "date", nullable: false),
                    period_to = table.Column<DateOnly>(type: "date", nullable: false),
                    generated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    client = table.Column<string>(type: "text", nullable: false),
                    headline = table.Column<List<string>>(type: "text[]", nullable: false),
                    generated_in_ms = table.Column<int>(type: "integer", nullable: false),
                    xlsx = table.Column<byte[]>(type: "bytea", nullable: false),
                    pdf = table.Column<byte[]>(type: "bytea", nullable: false),
                    xlsx_bytes = table.Column<int>(type: "integer", nullable: false),
                    pdf_bytes = table.Column<int>(type: "integer", nullable: false),
                    recipients = table.Column<List<string>>(type: "text[]", nullable: false),
                    emailed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    mail_error = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_periodic_reports", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "report_schedules",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    frequency = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    day = table.Column<int>(type: "integer", nullable: false),
                    recipients = table.Column<List<string>>(type: "text[]", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_report_schedules", x => x.tenant_id);
                });

            migrationBuilder.CreateTable(
                name: "report_tenants",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    known_since = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_report_tenants", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_daily_job_runs_business_date_job",
                table: "daily_job_runs",
                columns: new[] { "business_date", "job" });

            migrationBuilder.CreateIndex(
                name: "ix_periodic_reports_tenant_id_generated_at",
                table: "periodic_reports",
                columns: new[] { "tenant_id", "generated_at" });

            migrationBuilder.CreateIndex(
                name: "ix_periodic_reports_tenant_id_period_to_frequency",
                table: "periodic_reports",
                columns: new[] { "tenant_id", "period_to", "frequency" },
                unique: true,
                filter: "trigger = 'scheduled'");

            migrationBuilder.EnableTenantIsolation("kept_forecasts");
            migrationBuilder.EnableTenantIsolation("report_schedules");
            migrationBuilder.EnableTenantIsolation("periodic_reports");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "daily_job_runs");

            migrationBuilder.DropTable(
                name: "kept_forecasts");

            migrationBuilder.DropTable(
                name: "periodic_reports");

            migrationBuilder.DropTable(
                name: "report_schedules");

            migrationBuilder.DropTable(
                name: "report_tenants");
        }
    }
}
