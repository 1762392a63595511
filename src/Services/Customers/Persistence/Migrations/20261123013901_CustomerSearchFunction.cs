using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ArPlatform.Customers.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class CustomerSearchFunction : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Row-level security keeps non-leakproof operators such as @@ (full-text match) out of index scans, so under
            // the application role a search would read every row. This function runs as its owner, uses the GIN index,
            // and enforces the same tenant rule as the policy itself (the connection's app.tenant_id).
            migrationBuilder.Sql("""
                CREATE FUNCTION customer_search(words tsquery, exact text) RETURNS SETOF customers
                LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
                    SELECT * FROM customers
                    WHERE tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid
                      AND (search_vector @@ words OR code = exact OR gstin = upper(exact))
                $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP FUNCTION customer_search(tsquery, text);");
        }
    }
}
