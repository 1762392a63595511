using ArPlatform.BuildingBlocks.Persistence;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ArPlatform.Collections.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ReadingAcrossTenants : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // A person's worklist reads its rows, promises and disputes across the tenants they hold (ADR 0021).
            foreach (var table in Tables)
            {
                migrationBuilder.AllowReadingAcrossTenants(table);
            }
        }

        private static readonly string[] Tables = ["worklist_entries", "promises", "disputes"];

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var table in Tables)
            {
                migrationBuilder.Sql($"DROP POLICY IF EXISTS tenant_set_read ON \"{table}\";");
            }
        }
    }
}
