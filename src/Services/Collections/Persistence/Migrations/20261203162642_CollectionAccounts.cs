using System;
using ArPlatform.BuildingBlocks.Persistence;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ArPlatform.Collections.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class CollectionAccounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "collectible_invoices");

            migrationBuilder.CreateTable(
                name: "accounts",
                columns: table => new
                {
                    customer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    code = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    type = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    collector = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    portfolio = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    risk_rating = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: true),
                    on_hold = table.Column<bool>(type: "boolean", nullable: false),
                    hold_reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    paused_until = table.Column<DateOnly>(type: "date", nullable: true),
                    paused_from = table.Column<DateOnly>(type: "date", nullable: true),
                    pause_reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    agency_referred_on = table.Column<DateOnly>(type: "date", nullable: true),
                    broken_promises = table.Column<int>(type: "integer", nullable: false),
                    last_activity_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_accounts", x => x.customer_id);
                });

            migrationBuilder.CreateTable(
                name: "actions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    customer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    business_date = table.Column<DateOnly>(type: "date", nullable: false),
                    strategy_code = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    step_code = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    step_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    day_offset = table.Column<int>(type: "integer", nullable: false),
                    action = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    kind = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    skip_reason = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    trigger = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    run_id = table.Column<Guid>(type: "uuid", nullable: true),
                    items = table.Column<string>(type: "jsonb", nullable: false),
                    amount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    outcome = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    message_id = table.Column<Guid>(type: "uuid", nullable: true),
                    task_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_actions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "activities",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    customer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    type = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    contact_id = table.Column<Guid>(type: "uuid", nullable: true),
                    disposition = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    notes = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    logged_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    occurred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    business_date = table.Column<DateOnly>(type: "date", nullable: false),
                    promise_id = table.Column<Guid>(type: "uuid", nullable: true),
                    dispute_id = table.Column<Guid>(type: "uuid", nullable: true),
                    next_action_task_id = table.Column<Guid>(type: "uuid", nullable: true),
                    closed_task_ids = table.Column<Guid[]>(type: "uuid[]", nullable: false),
                    follow_up_task_id = table.Column<Guid>(type: "uuid", nullable: true),
                    complaint_checked = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_activities", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "contacts",
                columns: table => new
                {
                    contact_id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    customer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    role = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    escalation_level = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    phone = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    email = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    preferred_channel = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_contacts", x => x.contact_id);
                });

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
                name: "disputes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    customer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    invoice_id = table.Column<Guid>(type: "uuid", nullable: false),
                    invoice_number = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    amount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    reason = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    notes = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    routed_to = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    routed_to_email = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    raised_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    raised_on = table.Column<DateOnly>(type: "date", nullable: false),
                    sla_due_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    sla_breached_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    outcome = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    credit_amount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    resolution_notes = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    resolved_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    activity_id = table.Column<Guid>(type: "uuid", nullable: true),
                    raised_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_disputes", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "items",
                columns: table => new
                {
                    invoice_id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    customer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    number = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    invoice_date = table.Column<DateOnly>(type: "date", nullable: true),
                    due_date = table.Column<DateOnly>(type: "date", nullable: false),
                    amount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    open_amount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    disputed_amount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    issued = table.Column<bool>(type: "boolean", nullable: false),
                    recorded_on = table.Column<DateOnly>(type: "date", nullable: false),
                    closed_as = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    position_offset = table.Column<int>(type: "integer", nullable: true),
                    position_step = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    position_date = table.Column<DateOnly>(type: "date", nullable: true),
                    held_for = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    held_from = table.Column<DateOnly>(type: "date", nullable: true),
                    held_until = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_items", x => x.invoice_id);
                });

            migrationBuilder.CreateTable(
                name: "message_queue",
                columns: table => new
                {
                    message_id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    next_attempt_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_message_queue", x => x.message_id);
                });

            migrationBuilder.CreateTable(
                name: "messages",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    customer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    action_id = table.Column<Guid>(type: "uuid", nullable: true),
                    dispute_id = table.Column<Guid>(type: "uuid", nullable: true),
                    channel = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    template_code = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    to_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    to_address = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    contact_level = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    addressing_note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    subject = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    body = table.Column<string>(type: "text", nullable: false),
                    text = table.Column<string>(type: "text", nullable: false),
                    status = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    next_attempt_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    last_error = table.Column<string>(type: "text", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    sent_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    model = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_messages", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "promises",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    customer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    amount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    promised_date = table.Column<DateOnly>(type: "date", nullable: false),
                    made_on = table.Column<DateOnly>(type: "date", nullable: false),
                    invoice_ids = table.Column<Guid[]>(type: "uuid[]", nullable: false),
                    invoice_numbers = table.Column<string[]>(type: "text[]", nullable: false),
                    named_invoices = table.Column<bool>(type: "boolean", nullable: false),
                    instalments = table.Column<string>(type: "jsonb", nullable: false),
                    grace_days = table.Column<int>(type: "integer", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    collected = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    resolved_on = table.Column<DateOnly>(type: "date", nullable: true),
                    activity_id = table.Column<Guid>(type: "uuid", nullable: true),
                    made_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_promises", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "receipts",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    payment_id = table.Column<Guid>(type: "uuid", nullable: false),
                    customer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    invoice_id = table.Column<Guid>(type: "uuid", nullable: false),
                    effective_date = table.Column<DateOnly>(type: "date", nullable: false),
                    amount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    reversed_on = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_receipts", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "runs",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    as_of = table.Column<DateOnly>(type: "date", nullable: false),
                    trigger = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    accounts_seen = table.Column<int>(type: "integer", nullable: false),
                    actions_by_kind = table.Column<string>(type: "jsonb", nullable: false),
                    skipped = table.Column<int>(type: "integer", nullable: false),
                    error = table.Column<string>(type: "text", nullable: true),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    finished_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_runs", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "settings",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    client_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    spoc = table.Column<string>(type: "jsonb", nullable: true),
                    promise_grace_days = table.Column<int>(type: "integer", nullable: false),
                    departments = table.Column<string>(type: "jsonb", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_settings", x => x.tenant_id);
                });

            migrationBuilder.CreateTable(
                name: "strategies",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    code = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    priority = table.Column<int>(type: "integer", nullable: false),
                    applies_to = table.Column<string>(type: "jsonb", nullable: false),
                    steps = table.Column<string>(type: "jsonb", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_strategies", x => new { x.tenant_id, x.code });
                });

            migrationBuilder.CreateTable(
                name: "tasks",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    customer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    title = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    activity_type = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    due_date = table.Column<DateOnly>(type: "date", nullable: false),
                    assignee = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    status = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    action_id = table.Column<Guid>(type: "uuid", nullable: true),
                    dispute_id = table.Column<Guid>(type: "uuid", nullable: true),
                    closed_by_activity_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    closed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tasks", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "templates",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    code = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    channel = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    subject = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    body = table.Column<string>(type: "text", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_templates", x => new { x.tenant_id, x.code });
                });

            migrationBuilder.CreateTable(
                name: "tenants",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    known_since = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tenants", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_accounts_tenant_id_collector",
                table: "accounts",
                columns: new[] { "tenant_id", "collector" });

            migrationBuilder.CreateIndex(
                name: "ix_actions_tenant_id_customer_id_step_code_business_date",
                table: "actions",
                columns: new[] { "tenant_id", "customer_id", "step_code", "business_date" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_actions_tenant_id_run_id",
                table: "actions",
                columns: new[] { "tenant_id", "run_id" });

            migrationBuilder.CreateIndex(
                name: "ix_activities_disputed_without_dispute",
                table: "activities",
                columns: new[] { "tenant_id", "business_date" },
                filter: "disposition = 'disputed' AND dispute_id IS NULL AND NOT complaint_checked");

            migrationBuilder.CreateIndex(
                name: "ix_activities_tenant_id_customer_id_occurred_at",
                table: "activities",
                columns: new[] { "tenant_id", "customer_id", "occurred_at" });

            migrationBuilder.CreateIndex(
                name: "ix_contacts_tenant_id_customer_id",
                table: "contacts",
                columns: new[] { "tenant_id", "customer_id" });

            migrationBuilder.CreateIndex(
                name: "ix_daily_job_runs_business_date_job",
                table: "daily_job_runs",
                columns: new[] { "business_date", "job" });

            migrationBuilder.CreateIndex(
                name: "ix_disputes_tenant_id_customer_id",
                table: "disputes",
                columns: new[] { "tenant_id", "customer_id" });

            migrationBuilder.CreateIndex(
                name: "ix_disputes_tenant_id_status",
                table: "disputes",
                columns: new[] { "tenant_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_items_open_by_customer",
                table: "items",
                columns: new[] { "tenant_id", "customer_id" },
                filter: "open_amount > 0");

            migrationBuilder.CreateIndex(
                name: "ix_items_tenant_id_number",
                table: "items",
                columns: new[] { "tenant_id", "number" });

            migrationBuilder.CreateIndex(
                name: "ix_message_queue_next_attempt_at",
                table: "message_queue",
                column: "next_attempt_at");

            migrationBuilder.CreateIndex(
                name: "ix_messages_queued",
                table: "messages",
                column: "next_attempt_at",
                filter: "status = 'queued'");

            migrationBuilder.CreateIndex(
                name: "ix_messages_tenant_id_customer_id_created_at",
                table: "messages",
                columns: new[] { "tenant_id", "customer_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_promises_tenant_id_customer_id_status",
                table: "promises",
                columns: new[] { "tenant_id", "customer_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_receipts_tenant_id_customer_id_effective_date",
                table: "receipts",
                columns: new[] { "tenant_id", "customer_id", "effective_date" });

            migrationBuilder.CreateIndex(
                name: "ix_receipts_tenant_id_payment_id",
                table: "receipts",
                columns: new[] { "tenant_id", "payment_id" });

            migrationBuilder.CreateIndex(
                name: "ix_tasks_open",
                table: "tasks",
                columns: new[] { "tenant_id", "assignee", "due_date" },
                filter: "status = 'open'");

            migrationBuilder.CreateIndex(
                name: "ix_tasks_tenant_id_customer_id",
                table: "tasks",
                columns: new[] { "tenant_id", "customer_id" });

            migrationBuilder.EnableTenantIsolation("accounts");
            migrationBuilder.EnableTenantIsolation("items");
            migrationBuilder.EnableTenantIsolation("contacts");
            migrationBuilder.EnableTenantIsolation("receipts");
            migrationBuilder.EnableTenantIsolation("strategies");
            migrationBuilder.EnableTenantIsolation("actions");
            migrationBuilder.EnableTenantIsolation("runs");
            migrationBuilder.EnableTenantIsolation("messages");
            migrationBuilder.EnableTenantIsolation("templates");
            migrationBuilder.EnableTenantIsolation("activities");
            migrationBuilder.EnableTenantIsolation("tasks");
            migrationBuilder.EnableTenantIsolation("promises");
            migrationBuilder.EnableTenantIsolation("disputes");
            migrationBuilder.EnableTenantIsolation("settings");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "accounts");

            migrationBuilder.DropTable(
                name: "actions");

            migrationBuilder.DropTable(
                name: "activities");

            migrationBuilder.DropTable(
                name: "contacts");

            migrationBuilder.DropTable(
                name: "daily_job_runs");

            migrationBuilder.DropTable(
                name: "disputes");

            migrationBuilder.DropTable(
                name: "items");

            migrationBuilder.DropTable(
                name: "message_queue");

            migrationBuilder.DropTable(
                name: "messages");

            migrationBuilder.DropTable(
                name: "promises");

            migrationBuilder.DropTable(
                name: "receipts");

            migrationBuilder.DropTable(
                name: "runs");

            migrationBuilder.DropTable(
                name: "settings");

            migrationBuilder.DropTable(
                name: "strategies");

            migrationBuilder.DropTable(
                name: "tasks");

            migrationBuilder.DropTable(
                name: "templates");

            migrationBuilder.DropTable(
                name: "tenants");

            migrationBuilder.CreateTable(
                name: "collectible_invoices",
                columns: table => new
                {
                    invoice_id = table.Column<Guid>(type: "uuid", nullable: false),
                    amount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    customer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    due_date = table.Column<DateOnly>(type: "date", nullable: false),
                    number = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_collectible_invoices", x => x.invoice_id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_collectible_invoices_tenant_id_due_date",
                table: "collectible_invoices",
                columns: new[] { "tenant_id", "due_date" });

            migrationBuilder.EnableTenantIsolation("collectible_invoices");
        }
    }
}
