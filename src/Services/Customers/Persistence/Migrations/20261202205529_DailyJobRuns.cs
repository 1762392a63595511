using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ArPlatform.Customers.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class DailyJobRuns : Migration
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

            migrationBuilder.CreateIndex(
                name: "ix_daily_job_runs_business_date_job",
                table: "daily_job_runs",
                columns: new[] { "business_date", "job" });

            // The nightly re-score's own claim becomes the runner's record, so it neither runs again today nor
            // catches up from nothing: the runner goes on after each tenant's last re-scored date.
            migrationBuilder.Sql("""
                INSERT INTO daily_job_runs (job, tenant_id, business_date, status, attempts, owner, started_at, finished_at)
                SELECT 'risk-nightly-rescore', id, rescored_on, 'done', 1, '00000000-0000-0000-0000-000000000000', now(), now()
                FROM customer_tenants WHERE rescored_on IS NOT NULL
                """);

            migrationBuilder.DropColumn(
                name: "rescored_on",
                table: "customer_tenants");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "daily_job_runs");

            migrationBuilder.AddColumn<DateOnly>(
                name: "rescored_on",
                table: "customer_tenants",
                type: "date",
                nullable: true);
        }
    }
}
