using System;
using ArPlatform.BuildingBlocks.Persistence;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ArPlatform.Reporting.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class KpiLedger : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ledger_days",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    day = table.Column<DateOnly>(type: "date", nullable: false),
                    customer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    invoiced = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    debit_notes = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    cancelled = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    collected = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    credit_notes = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    written_off = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    not_due = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ledger_days", x => new { x.tenant_id, x.day, x.customer_id });
                });

            migrationBuilder.CreateTable(
                name: "ledger_months",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    month = table.Column<DateOnly>(type: "date", nullable: false),
                    customer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    invoiced = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    debit_notes = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    cancelled = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    collected = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    credit_notes = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    written_off = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    not_due = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ledger_months", x => new { x.tenant_id, x.month, x.customer_id });
                });

            migrationBuilder.CreateTable(
                name: "ledger_states",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    built_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ledger_states", x => x.tenant_id);
                });

            migrationBuilder.CreateTable(
                name: "report_customers",
                columns: table => new
                {
                    customer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    code = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    type = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    region = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    parent_id = table.Column<Guid>(type: "uuid", nullable: true),
                    collector = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    portfolio = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_report_customers", x => x.customer_id);
                });

            migrationBuilder.CreateTable(
                name: "report_disputes",
                columns: table => new
                {
                    dispute_id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    customer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    invoice_id = table.Column<Guid>(type: "uuid", nullable: false),
                    amount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    raised_on = table.Column<DateOnly>(type: "date", nullable: true),
                    sla_due_on = table.Column<DateOnly>(type: "date", nullable: true),
                    resolved_on = table.Column<DateOnly>(type: "date", nullable: true),
                    outcome = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_report_disputes", x => x.dispute_id);
                });

            migrationBuilder.CreateTable(
                name: "report_promises",
                columns: table => new
                {
                    promise_id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    customer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    amount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    promised_date = table.Column<DateOnly>(type: "date", nullable: false),
                    status = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    collected = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    decided_on = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_report_promises", x => x.promise_id);
                });

            migrationBuilder.CreateTable(
                name: "tenant_ledger_days",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    day = table.Column<DateOnly>(type: "date", nullable: false),
                    slot = table.Column<short>(type: "smallint", nullable: false),
                    invoiced = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    debit_notes = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    cancelled = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    collected = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    credit_notes = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    written_off = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    not_due = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tenant_ledger_days", x => new { x.tenant_id, x.day, x.slot });
                });

            migrationBuilder.CreateTable(
                name: "tenant_ledger_months",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    month = table.Column<DateOnly>(type: "date", nullable: false),
                    slot = table.Column<short>(type: "smallint", nullable: false),
                    invoiced = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    debit_notes = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    cancelled = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    collected = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    credit_notes = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    written_off = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    not_due = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tenant_ledger_months", x => new { x.tenant_id, x.month, x.slot });
                });

            migrationBuilder.CreateIndex(
                name: "ix_report_customers_tenant_id_code",
                table: "report_customers",
                columns: new[] { "tenant_id", "code" });

            migrationBuilder.CreateIndex(
                name: "ix_report_disputes_tenant_id_raised_on",
                table: "report_disputes",
                columns: new[] { "tenant_id", "raised_on" });

            migrationBuilder.CreateIndex(
                name: "ix_report_promises_tenant_id_promised_date",
                table: "report_promises",
                columns: new[] { "tenant_id", "promised_date" });

            migrationBuilder.EnableTenantIsolation("ledger_days");
            migrationBuilder.EnableTenantIsolation("ledger_months");
            migrationBuilder.EnableTenantIsolation("ledger_states");
            migrationBuilder.EnableTenantIsolation("report_customers");
            migrationBuilder.EnableTenantIsolation("report_disputes");
            migrationBuilder.EnableTenantIsolation("report_promises");
            migrationBuilder.EnableTenantIsolation("tenant_ledger_days");
            migrationBuilder.EnableTenantIsolation("tenant_ledger_months");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ledger_days");

            migrationBuilder.DropTable(
                name: "ledger_months");

            migrationBuilder.DropTable(
                name: "ledger_states");

            migrationBuilder.DropTable(
                name: "report_customers");

            migrationBuilder.DropTable(
                name: "report_disputes");

            migrationBuilder.DropTable(
                name: "report_promises");

            migrationBuilder.DropTable(
                name: "tenant_ledger_days");

            migrationBuilder.DropTable(
                name: "tenant_ledger_months");
        }
    }
}
