using ArPlatform.BuildingBlocks.Persistence;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ArPlatform.Collections.Persistence.Migrations
{
    /// <summary>A person's tasks across the tenants they hold (GET /my-tasks) are read with the read set too (ADR 0021). No model change.</summary>
    [DbContext(typeof(CollectionsDbContext))]
    [Migration("20261204024500_ReadingTasksAcrossTenants")]
    public partial class ReadingTasksAcrossTenants : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.AllowReadingAcrossTenants("tasks");

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("DROP POLICY IF EXISTS tenant_set_read ON \"tasks\";");
    }
}
