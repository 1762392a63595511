using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ArPlatform.Customers.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class TenantTaggedSearchWords : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The search words are now written by the service, tagged with the tenant (CustomerSearch, ADR 0010). Rows
            // already there get the same words here; the split on non-alphanumerics is the service's rule except for
            // combining marks, which the service keeps inside words: such a name is re-indexed when it is next changed.
            migrationBuilder.Sql("""
                DROP INDEX ix_customers_search_vector;
                ALTER TABLE customers ALTER COLUMN search_vector DROP EXPRESSION;
                UPDATE customers SET search_vector = array_to_tsvector(ARRAY(
                    SELECT DISTINCT right(replace(tenant_id::text, '-', ''), 12) || ':' || w
                    FROM regexp_split_to_table(lower(name || ' ' || coalesce(trade_name, '') || ' ' || code), '[^[:alnum:]]+') AS w
                    WHERE w <> ''));
                CREATE INDEX ix_customers_search_vector ON customers USING gin (search_vector) WITH (fastupdate = true, gin_pending_list_limit = 1024);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                ALTER TABLE customers DROP COLUMN search_vector;
                ALTER TABLE customers ADD COLUMN search_vector tsvector NOT NULL GENERATED ALWAYS AS
                    (to_tsvector('simple', name || ' ' || coalesce(trade_name, '') || ' ' || code)) STORED;
                CREATE INDEX ix_customers_search_vector ON customers USING gin (search_vector) WITH (fastupdate = true, gin_pending_list_limit = 1024);
                """);
        }
    }
}
