using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ArPlatform.Customers.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class CustomerSearchIds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Ids only (the rows are then read through the primary key), and one indexed query per way of matching, so
            // the plan does not hinge on the statistics of a table that a bulk import has just filled.
            migrationBuilder.Sql("""
                DROP FUNCTION customer_search(tsquery, text);
                CREATE FUNCTION customer_search_ids(words tsquery, exact text) RETURNS SETOF uuid
                LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
                    SELECT id FROM customers WHERE tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid AND search_vector @@ words
                    UNION
                    SELECT id FROM customers WHERE tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid AND code = exact
                    UNION
                    SELECT id FROM customers WHERE tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid AND gstin = upper(exact)
                $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP FUNCTION customer_search_ids(tsquery, text);
                CREATE FUNCTION customer_search(words tsquery, exact text) RETURNS SETOF customers
                LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
                    SELECT * FROM customers
                    WHERE tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid
                      AND (search_vector @@ words OR code = exact OR gstin = upper(exact))
                $$;
                """);
        }
    }
}
