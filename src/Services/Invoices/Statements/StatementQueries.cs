using System.Text.Json;
using ArPlatform.Invoices.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Invoices.Statements;

/// <summary>The statements' SQL.</summary>
public static class StatementQueries
{
    /// <summary>Keeps a customer's statement of a month once: a replica that produced it first wins.</summary>
    public static Task KeepMonthlyAsync(
        InvoicesDbContext db, Guid tenant, Guid customerId, DateOnly month, Statement statement, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync($"""
            INSERT INTO monthly_statements (tenant_id, customer_id, month, opening_balance, closing_balance, body, produced_at)
            VALUES ({tenant}, {customerId}, {month}, {statement.OpeningBalance}, {statement.ClosingBalance},
                    {JsonSerializer.Serialize(statement, JsonSerializerOptions.Web)}::jsonb, {now})
            ON CONFLICT DO NOTHING
            """, cancellationToken);
}
