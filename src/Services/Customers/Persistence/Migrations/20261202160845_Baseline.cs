using System;
using ArPlatform.BuildingBlocks.Persistence;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;
using NpgsqlTypes;

#nullable disable

namespace ArPlatform.Customers.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Baseline : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "contacts",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    customer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    role = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    escalation_level = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    phone = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    email = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    preferred_channel = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_contacts", x => x.id);
                });

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
                name: "customer_search_words",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    word = table.Column<string>(type: "text", nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_customer_search_words", x => new { x.tenant_id, x.word });
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
                name: "customers",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    code = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    trade_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    type = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    tags = table.Column<string[]>(type: "text[]", nullable: false),
                    gstin = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: true),
                    pan = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    state_code = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: true),
                    state_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    region = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    parent_id = table.Column<Guid>(type: "uuid", nullable: true),
                    hierarchy_path = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    assigned_collector = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    portfolio = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    addresses = table.Column<string>(type: "jsonb", nullable: false),
                    default_net_days = table.Column<int>(type: "integer", nullable: true),
                    default_discount_percent = table.Column<decimal>(type: "numeric(5,2)", precision: 5, scale: 2, nullable: true),
                    default_discount_days = table.Column<int>(type: "integer", nullable: true),
                    credit_limit = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    exposure = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    on_hold = table.Column<bool>(type: "boolean", nullable: false),
                    hold_reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    hold_automatic = table.Column<bool>(type: "boolean", nullable: false),
                    overdue_days = table.Column<int>(type: "integer", nullable: false),
                    oldest_overdue_invoice = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    risk_rating = table.Column<string>(type: "character varying(1)", maxLength: 1, nullable: true),
                    risk_score = table.Column<int>(type: "integer", nullable: true),
                    risk_factors = table.Column<string>(type: "jsonb", nullable: false),
                    risk_scored_on = table.Column<DateOnly>(type: "date", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    search_vector = table.Column<NpgsqlTsVector>(type: "tsvector", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_customers", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "import_chunks",
                columns: table => new
                {
                    job_id = table.Column<Guid>(type: "uuid", nullable: false),
                    sequence = table.Column<int>(type: "integer", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    data = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_import_chunks", x => new { x.job_id, x.sequence });
                });

            migrationBuilder.CreateTable(
                name: "import_jobs",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    file_name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    bytes = table.Column<long>(type: "bigint", nullable: false),
                    total_rows = table.Column<int>(type: "integer", nullable: false),
                    rows_done = table.Column<int>(type: "integer", nullable: false),
                    created = table.Column<int>(type: "integer", nullable: false),
                    duplicates = table.Column<int>(type: "integer", nullable: false),
                    rejected = table.Column<int>(type: "integer", nullable: false),
                    errors = table.Column<string>(type: "jsonb", nullable: false),
                    checkpoint_line = table.Column<int>(type: "integer", nullable: false),
                    failure = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    finished_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_import_jobs", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "import_queue",
                columns: table => new
                {
                    job_id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    enqueued_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    lease_until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_import_queue", x => x.job_id);
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
                name: "ix_contacts_tenant_id_customer_id",
                table: "contacts",
                columns: new[] { "tenant_id", "customer_id" });

            migrationBuilder.CreateIndex(
                name: "ix_credit_limit_changes_tenant_id_customer_id_changed_at",
                table: "credit_limit_changes",
                columns: new[] { "tenant_id", "customer_id", "changed_at" });

            migrationBuilder.CreateIndex(
                name: "ix_credit_requests_tenant_id_customer_id_requested_at",
                table: "credit_requests",
                columns: new[] { "tenant_id", "customer_id", "requested_at" });

            migrationBuilder.CreateIndex(
                name: "ix_customers_on_hold",
                table: "customers",
                column: "tenant_id",
                filter: "on_hold");

            migrationBuilder.CreateIndex(
                name: "ix_customers_search_vector",
                table: "customers",
                column: "search_vector")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:StorageParameter:fastupdate", true)
                .Annotation("Npgsql:StorageParameter:gin_pending_list_limit", 1024);

            migrationBuilder.CreateIndex(
                name: "ix_customers_tenant_id_assigned_collector",
                table: "customers",
                columns: new[] { "tenant_id", "assigned_collector" });

            migrationBuilder.CreateIndex(
                name: "ix_customers_tenant_id_code",
                table: "customers",
                columns: new[] { "tenant_id", "code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_customers_tenant_id_gstin",
                table: "customers",
                columns: new[] { "tenant_id", "gstin" },
                filter: "gstin IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_customers_tenant_id_hierarchy_path",
                table: "customers",
                columns: new[] { "tenant_id", "hierarchy_path" })
                .Annotation("Npgsql:IndexOperators", new[] { "uuid_ops", "varchar_pattern_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_customers_tenant_id_region_state_code",
                table: "customers",
                columns: new[] { "tenant_id", "region", "state_code" });

            migrationBuilder.CreateIndex(
                name: "ix_customers_tenant_id_risk_rating",
                table: "customers",
                columns: new[] { "tenant_id", "risk_rating" },
                filter: "risk_rating IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_pending",
                table: "outbox_messages",
                column: "next_attempt_at",
                filter: "sent_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_receivable_movements_tenant_id_customer_id",
                table: "receivable_movements",
                columns: new[] { "tenant_id", "customer_id" });

            migrationBuilder.EnableTenantIsolation("contacts");
            migrationBuilder.EnableTenantIsolation("credit_limit_changes");
            migrationBuilder.EnableTenantIsolation("credit_requests");
            migrationBuilder.EnableTenantIsolation("credit_settings");
            migrationBuilder.EnableTenantIsolation("customer_search_words");
            migrationBuilder.EnableTenantIsolation("customers");
            migrationBuilder.EnableTenantIsolation("import_chunks");
            migrationBuilder.EnableTenantIsolation("import_jobs");
            migrationBuilder.EnableTenantIsolation("receivable_movements");

            // Every invoice and payment event changes a customer's exposure. With full pages each change wrote a new
            // row version into all ten indexes (the search GIN among them): room on each page lets PostgreSQL update
            // in place (HOT) when no indexed column changes.
            migrationBuilder.Sql("ALTER TABLE customers SET (fillfactor = 70);");

            // A search's matches with their codes, in the tenant (ADR 0011): Persistence/Sql.
            migrationBuilder.SqlFile(typeof(Baseline).Assembly, "customer_search.v1.sql");

            // Defaults the customer import relies on: its bulk insert names only the columns a file fills (CustomerImportHandler).
            migrationBuilder.Sql("""
                ALTER TABLE customers
                    ALTER COLUMN addresses SET DEFAULT '[]'::jsonb,
                    ALTER COLUMN exposure SET DEFAULT 0.0,
                    ALTER COLUMN hierarchy_path SET DEFAULT '',
                    ALTER COLUMN hold_automatic SET DEFAULT false,
                    ALTER COLUMN on_hold SET DEFAULT false,
                    ALTER COLUMN overdue_days SET DEFAULT 0,
                    ALTER COLUMN risk_factors SET DEFAULT '[]'::jsonb,
                    ALTER COLUMN status SET DEFAULT '',
                    ALTER COLUMN tags SET DEFAULT ARRAY[]::text[],
                    ALTER COLUMN type SET DEFAULT '';
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP FUNCTION customer_search(tsquery, text);");

            migrationBuilder.DropTable(
                name: "contacts");

            migrationBuilder.DropTable(
                name: "credit_limit_changes");

            migrationBuilder.DropTable(
                name: "credit_requests");

            migrationBuilder.DropTable(
                name: "credit_settings");

            migrationBuilder.DropTable(
                name: "customer_search_words");

            migrationBuilder.DropTable(
                name: "customer_tenants");

            migrationBuilder.DropTable(
                name: "customers");

            migrationBuilder.DropTable(
                name: "import_chunks");

            migrationBuilder.DropTable(
                name: "import_jobs");

            migrationBuilder.DropTable(
                name: "import_queue");

            migrationBuilder.DropTable(
                name: "inbox_messages");

            migrationBuilder.DropTable(
                name: "outbox_messages");

            migrationBuilder.DropTable(
                name: "receivable_movements");

            migrationBuilder.DropTable(
                name: "risk_queue");
        }
    }
}
