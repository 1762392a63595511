using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ArPlatform.Customers.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class CustomersUpdatedInPlace : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Every invoice and payment event changes a customer's exposure. With full pages each change wrote a new
            // row version into all ten indexes (the search GIN among them): room on each page lets PostgreSQL update
            // in place (HOT) when no indexed column changes. Existing pages get the room as they are rewritten.
            migrationBuilder.Sql("ALTER TABLE customers SET (fillfactor = 70);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("ALTER TABLE customers RESET (fillfactor);");
        }
    }
}
