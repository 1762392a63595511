using System;
using ArPlatform.BuildingBlocks.Persistence;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ArPlatform.Collections.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class KeptWorklist : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "worklist_entries",
                columns: table => new
                {
                    customer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    collector = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    as_of = table.Column<DateOnly>(type: "date", nullable: false),
                    score = table.Column<int>(type: "integer", nullable: false),
                    overdue = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    code = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    refresh_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    row = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_worklist_entries", x => x.customer_id);
                });

            migrationBuilder.CreateTable(
                name: "worklist_stale",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    customer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    marked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_worklist_stale", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_worklist_entries_tenant_id_collector_score_overdue",
                table: "worklist_entries",
                columns: new[] { "tenant_id", "collector", "score", "overdue" },
                descending: new[] { false, false, true, true });

            migrationBuilder.CreateIndex(
                name: "ix_worklist_stale_tenant_id_id",
                table: "worklist_stale",
                columns: new[] { "tenant_id", "id" });

            migrationBuilder.EnableTenantIsolation("worklist_entries");

            // Every write to what a worklist row is made of marks the account (ADR 0020): the functions and their triggers
            // are in Persistence/Sql. Then every account is marked once, so the refresher builds the first rows.
            migrationBuilder.SqlFile(typeof(KeptWorklist).Assembly, "worklist_mark_changed.v1.sql");
            migrationBuilder.SqlFile(typeof(KeptWorklist).Assembly, "worklist_mark_tenant.v1.sql");
            migrationBuilder.Sql("INSERT INTO worklist_stale (customer_id, tenant_id, marked_at) SELECT customer_id, tenant_id, now() FROM accounts;");
        }

        private static readonly string[] MarkedTables = ["accounts", "items", "promises", "disputes", "tasks"];

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var table in MarkedTables.Append("strategies"))
            {
                migrationBuilder.Sql($"""
                    DROP TRIGGER IF EXISTS worklist_inserted ON {table};
                    DROP TRIGGER IF EXISTS worklist_updated ON {table};
                    DROP TRIGGER IF EXISTS worklist_deleted ON {table};
                    """);
            }

            migrationBuilder.Sql("DROP FUNCTION IF EXISTS worklist_mark_changed(); DROP FUNCTION IF EXISTS worklist_mark_tenant();");
            migrationBuilder.DisableTenantIsolation("worklist_entries");
            migrationBuilder.DropTable(
                name: "worklist_entries");

            migrationBuilder.DropTable(
                name: "worklist_stale");
        }
    }
}
