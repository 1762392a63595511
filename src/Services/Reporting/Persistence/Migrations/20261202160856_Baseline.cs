using System;
using ArPlatform.BuildingBlocks.Persistence;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ArPlatform.Reporting.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Baseline : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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
                name: "aging_snapshot_customers",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    customer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    total = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_aging_snapshot_customers", x => new { x.tenant_id, x.customer_id });
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
                name: "aging_snapshot_totals",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    slot = table.Column<short>(type: "smallint", nullable: false),
                    amounts = table.Column<decimal[]>(type: "numeric(18,2)[]", nullable: false),
                    owing_customers = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_aging_snapshot_totals", x => new { x.tenant_id, x.slot });
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

            migrationBuilder.CreateTable(
                name: "inbox_messages",
                columns: table => new
                {
                    message_id = table.Column<Guid>(type: "uuid", nullable: false),
                    consumer = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    processed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inbox_messages", x => new { x.message_id, x.consumer });
                });

            migrationBuilder.CreateTable(
                name: "outbox_messages",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    type = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    body = table.Column<string>(type: "text", nullable: false)
                        .Annotation("Npgsql:Compression:", "lz4"),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: true),
                    occurred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    next_attempt_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    last_error = table.Column<string>(type: "text", nullable: true),
                    sent_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    trace_parent = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_outbox_messages", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "receivables",
                columns: table => new
                {
                    invoice_id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    customer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    number = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    invoice_date = table.Column<DateOnly>(type: "date", nullable: false),
                    due_date = table.Column<DateOnly>(type: "date", nullable: false),
                    amount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    dealer_code = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_receivables", x => x.invoice_id);
                });

            migrationBuilder.CreateTable(
                name: "settlements",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    payment_id = table.Column<Guid>(type: "uuid", nullable: false),
                    invoice_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    customer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    due_date = table.Column<DateOnly>(type: "date", nullable: false),
                    effective_date = table.Column<DateOnly>(type: "date", nullable: false),
                    amount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_settlements", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_pending",
                table: "outbox_messages",
                column: "next_attempt_at",
                filter: "sent_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_receivables_tenant_id_customer_id_due_date",
                table: "receivables",
                columns: new[] { "tenant_id", "customer_id", "due_date" });

            migrationBuilder.CreateIndex(
                name: "ix_receivables_tenant_id_dealer_code",
                table: "receivables",
                columns: new[] { "tenant_id", "dealer_code" });

            migrationBuilder.CreateIndex(
                name: "ix_settlements_tenant_id_customer_id_due_date",
                table: "settlements",
                columns: new[] { "tenant_id", "customer_id", "due_date" });

            migrationBuilder.CreateIndex(
                name: "ix_settlements_tenant_id_invoice_id",
                table: "settlements",
                columns: new[] { "tenant_id", "invoice_id" });

            migrationBuilder.EnableTenantIsolation("aging_settings");
            migrationBuilder.EnableTenantIsolation("aging_snapshot_customers");
            migrationBuilder.EnableTenantIsolation("aging_snapshot_rows");
            migrationBuilder.EnableTenantIsolation("aging_snapshot_totals");
            migrationBuilder.EnableTenantIsolation("aging_snapshots");
            migrationBuilder.EnableTenantIsolation("receivables");
            migrationBuilder.EnableTenantIsolation("settlements");

            // Every consumed event rewrites a few rows of the snapshot's tables: room on each page for updates in place
            // (HOT) and an eager autovacuum keep them as small as their live rows, so reads stay fast.
            migrationBuilder.Sql("""
                ALTER TABLE aging_snapshot_rows SET (fillfactor = 50, autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 5000,
                    autovacuum_vacuum_cost_delay = 0);
                ALTER TABLE aging_snapshot_customers SET (fillfactor = 50, autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 5000,
                    autovacuum_vacuum_cost_delay = 0);
                ALTER TABLE aging_snapshot_totals SET (fillfactor = 50, autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 1000,
                    autovacuum_vacuum_cost_delay = 0);
                """);

            // Defaults of the settlements' later columns, kept for inserts that do not name them.
            migrationBuilder.Sql("""
                ALTER TABLE settlements ALTER COLUMN id SET DEFAULT gen_random_uuid(), ALTER COLUMN kind SET DEFAULT '';
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "aging_settings");

            migrationBuilder.DropTable(
                name: "aging_snapshot_customers");

            migrationBuilder.DropTable(
                name: "aging_snapshot_rows");

            migrationBuilder.DropTable(
                name: "aging_snapshot_totals");

            migrationBuilder.DropTable(
                name: "aging_snapshots");

            migrationBuilder.DropTable(
                name: "inbox_messages");

            migrationBuilder.DropTable(
                name: "outbox_messages");

            migrationBuilder.DropTable(
                name: "receivables");

            migrationBuilder.DropTable(
                name: "settlements");
        }
    }
}
