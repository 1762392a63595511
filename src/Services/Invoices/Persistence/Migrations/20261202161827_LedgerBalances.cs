using ArPlatform.BuildingBlocks.Persistence;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ArPlatform.Invoices.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class LedgerBalances : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_ledger_entries_tenant_id_payment_id",
                table: "ledger_entries");

            migrationBuilder.AddColumn<decimal>(
                name: "unapplied_amount",
                table: "payments",
                type: "numeric(18,2)",
                precision: 18,
                scale: 2,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<decimal>(
                name: "debited",
                table: "invoices",
                type: "numeric(18,2)",
                precision: 18,
                scale: 2,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<decimal>(
                name: "open_amount",
                table: "invoices",
                type: "numeric(18,2)",
                precision: 18,
                scale: 2,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<decimal>(
                name: "written_off",
                table: "invoices",
                type: "numeric(18,2)",
                precision: 18,
                scale: 2,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<string>(
                name: "status",
                table: "invoices",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                computedColumnSql: "CASE WHEN cancelled_on IS NOT NULL THEN 'cancelled'\n     WHEN open_amount <= 0 THEN CASE WHEN written_off > 0 THEN 'written off' ELSE 'paid' END\n     WHEN open_amount < amount THEN 'partially paid'\n     ELSE 'open' END",
                stored: true);

            // Balances of what is already there, before the checks hold them.
            migrationBuilder.Sql("""
                UPDATE invoices i SET open_amount = s.open, written_off = s.written_off, debited = s.debited
                FROM (SELECT invoice_id, sum(amount) AS open,
                             coalesce(-sum(amount) FILTER (WHERE kind = 'write_off'), 0) AS written_off,
                             coalesce(sum(amount) FILTER (WHERE kind = 'debit_note'), 0) AS debited
                      FROM ledger_entries WHERE invoice_id IS NOT NULL GROUP BY invoice_id) s
                WHERE s.invoice_id = i.id;
                UPDATE payments p SET unapplied_amount = -s.moved
                FROM (SELECT payment_id, sum(amount) AS moved FROM ledger_entries
                      WHERE invoice_id IS NULL AND payment_id IS NOT NULL GROUP BY payment_id) s
                WHERE s.payment_id = p.id;
                """);

            migrationBuilder.AddCheckConstraint(
                name: "ck_payments_dates",
                table: "payments",
                sql: "received_on >= DATE '2000-01-01' AND (reversed_on IS NULL OR reversed_on >= received_on)");

            migrationBuilder.AddCheckConstraint(
                name: "ck_payments_unapplied_within_amount",
                table: "payments",
                sql: "unapplied_amount >= 0 AND unapplied_amount <= amount");

            migrationBuilder.CreateIndex(
                name: "ix_ledger_entries_payment_id",
                table: "ledger_entries",
                column: "payment_id",
                filter: "payment_id IS NOT NULL");

            migrationBuilder.AddCheckConstraint(
                name: "ck_ledger_entries_effective_date",
                table: "ledger_entries",
                sql: "effective_date >= DATE '2000-01-01'");

            migrationBuilder.AddCheckConstraint(
                name: "ck_ledger_entries_sign",
                table: "ledger_entries",
                sql: "(kind IN ('invoice', 'debit_note') AND amount > 0)\nOR (kind IN ('cash', 'tds', 'discount', 'credit_note', 'write_off', 'cancellation') AND amount < 0)\nOR (kind IN ('unapplied', 'reversal') AND amount <> 0)");

            migrationBuilder.AddCheckConstraint(
                name: "ck_invoices_cancelled_owes_nothing",
                table: "invoices",
                sql: "cancelled_on IS NULL OR (open_amount = 0 AND written_off = 0 AND debited = 0)");

            migrationBuilder.AddCheckConstraint(
                name: "ck_invoices_dates",
                table: "invoices",
                sql: "invoice_date >= DATE '2000-01-01' AND due_date >= invoice_date AND due_date < DATE '2100-01-01'");

            migrationBuilder.AddCheckConstraint(
                name: "ck_invoices_kept_sums",
                table: "invoices",
                sql: "written_off >= 0 AND debited >= 0 AND amount > 0");

            migrationBuilder.AddCheckConstraint(
                name: "ck_invoices_open_within_owed",
                table: "invoices",
                sql: "open_amount >= 0 AND open_amount <= amount + debited");

            migrationBuilder.AddForeignKey(
                name: "fk_ledger_entries_payments_payment_id",
                table: "ledger_entries",
                column: "payment_id",
                principalTable: "payments",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            // The kept balances follow every entry posted, and the checks above refuse any entry that would break them
            // (ADR 0015); the ledger's functions and triggers are in Persistence/Sql.
            migrationBuilder.SqlFile(typeof(LedgerBalances).Assembly, "ledger_keep_balances.v1.sql");
            migrationBuilder.SqlFile(typeof(LedgerBalances).Assembly, "ledger_append_only.v1.sql");
            migrationBuilder.Sql("""
                DROP INDEX ix_invoices_oldest_due;
                CREATE INDEX ix_invoices_open_oldest_due ON invoices (tenant_id, customer_id, due_date, invoice_date, number COLLATE "C")
                    WHERE cancelled_on IS NULL AND open_amount > 0;
                DROP INDEX ix_ledger_entries_settlements;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER ledger_entries_keep_balances ON ledger_entries;
                DROP FUNCTION ledger_keep_balances();
                DROP TRIGGER ledger_entries_append_only ON ledger_entries;
                DROP FUNCTION ledger_append_only();
                DROP INDEX ix_invoices_open_oldest_due;
                CREATE INDEX ix_invoices_oldest_due ON invoices (tenant_id, customer_id, due_date, invoice_date, number COLLATE "C")
                    WHERE cancelled_on IS NULL;
                CREATE INDEX ix_ledger_entries_settlements ON ledger_entries (tenant_id, customer_id, invoice_id) INCLUDE (amount)
                    WHERE kind <> 'invoice';
                """);

            migrationBuilder.DropForeignKey(
                name: "fk_ledger_entries_payments_payment_id",
                table: "ledger_entries");

            migrationBuilder.DropCheckConstraint(
                name: "ck_payments_dates",
                table: "payments");

            migrationBuilder.DropCheckConstraint(
                name: "ck_payments_unapplied_within_amount",
                table: "payments");

            migrationBuilder.DropIndex(
                name: "ix_ledger_entries_payment_id",
                table: "ledger_entries");

            migrationBuilder.DropCheckConstraint(
                name: "ck_ledger_entries_effective_date",
                table: "ledger_entries");

            migrationBuilder.DropCheckConstraint(
                name: "ck_ledger_entries_sign",
                table: "ledger_entries");

            migrationBuilder.DropCheckConstraint(
                name: "ck_invoices_cancelled_owes_nothing",
                table: "invoices");

            migrationBuilder.DropCheckConstraint(
                name: "ck_invoices_dates",
                table: "invoices");

            migrationBuilder.DropCheckConstraint(
                name: "ck_invoices_kept_sums",
                table: "invoices");

            migrationBuilder.DropCheckConstraint(
                name: "ck_invoices_open_within_owed",
                table: "invoices");

            migrationBuilder.DropColumn(
                name: "status",
                table: "invoices");

            migrationBuilder.DropColumn(
                name: "unapplied_amount",
                table: "payments");

            migrationBuilder.DropColumn(
                name: "debited",
                table: "invoices");

            migrationBuilder.DropColumn(
                name: "open_amount",
                table: "invoices");

            migrationBuilder.DropColumn(
                name: "written_off",
                table: "invoices");

            migrationBuilder.CreateIndex(
                name: "ix_ledger_entries_tenant_id_payment_id",
                table: "ledger_entries",
                columns: new[] { "tenant_id", "payment_id" },
                filter: "payment_id IS NOT NULL");
        }
    }
}
