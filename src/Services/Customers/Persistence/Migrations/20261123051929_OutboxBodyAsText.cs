using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ArPlatform.Customers.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class OutboxBodyAsText : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(ArPlatform.BuildingBlocks.Messaging.OutboxModel.BodyAsTextSql);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(ArPlatform.BuildingBlocks.Messaging.OutboxModel.BodyAsJsonbSql);
        }
    }
}
