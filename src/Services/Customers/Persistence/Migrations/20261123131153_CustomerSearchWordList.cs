using System;
using ArPlatform.BuildingBlocks.Persistence;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ArPlatform.Customers.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class CustomerSearchWordList : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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

            // The words the customers already have (those that start with a letter, CustomerSearch.IsListed), from their tagged search words.
            migrationBuilder.Sql("""
                INSERT INTO customer_search_words (tenant_id, word)
                SELECT DISTINCT c.tenant_id, substr(w.lexeme, strpos(w.lexeme, ':') + 1)
                FROM customers c, unnest(c.search_vector) AS w
                WHERE substr(w.lexeme, strpos(w.lexeme, ':') + 1) !~ '^[0-9]'
                ON CONFLICT DO NOTHING;
                """);
            migrationBuilder.EnableTenantIsolation("customer_search_words");

            // The matches come with their codes, read in the same heap visit as their tenant: a page of a search is then
            // ordered, cut and counted in one statement, and only its own rows are read back (not every match by id).
            // The words are matched alone behind OFFSET 0, which the tenant rule cannot be pushed into (stale statistics
            // must not make the planner walk the tenant's btree instead of the full-text index), and the rule is read once
            // (a scalar subquery) rather than for every row; the rows found by code or GSTIN are added only when their words
            // did not match, so nothing needs removing twice. (9-14 ms before, 6.3-8.5 ms after, 2,778 matches in psql.)
            migrationBuilder.Sql("""
                DROP FUNCTION customer_search_ids(tsquery, text);
                CREATE FUNCTION customer_search(words tsquery, exact text) RETURNS TABLE (id uuid, code varchar(50))
                LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
                    SELECT w.id, w.code FROM (SELECT c.id, c.tenant_id, c.code FROM customers c WHERE c.search_vector @@ words OFFSET 0) AS w
                    WHERE w.tenant_id = (SELECT NULLIF(current_setting('app.tenant_id', true), '')::uuid)
                    UNION ALL
                    SELECT c.id, c.code FROM customers c
                    WHERE c.tenant_id = (SELECT NULLIF(current_setting('app.tenant_id', true), '')::uuid) AND (c.code = exact OR c.gstin = upper(exact))
                      AND NOT c.search_vector @@ words
                $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "customer_search_words");
            migrationBuilder.Sql("""
                DROP FUNCTION customer_search(tsquery, text);
                CREATE FUNCTION customer_search_ids(words tsquery, exact text) RETURNS SETOF uuid
                LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
                    WITH by_words AS MATERIALIZED (SELECT id, tenant_id FROM customers WHERE search_vector @@ words)
                    SELECT id FROM by_words WHERE tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid
                    UNION
                    SELECT id FROM customers WHERE tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid AND code = exact
                    UNION
                    SELECT id FROM customers WHERE tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid AND gstin = upper(exact)
                $$;
                """);
        }
    }
}
