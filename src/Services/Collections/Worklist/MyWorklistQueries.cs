using ArPlatform.Collections.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Collections.Worklist;

/// <summary>The SQL of a person's worklist across tenants (<see cref="MyWorklist"/>).</summary>
internal static class MyWorklistQueries
{
    public sealed record PageRow(Guid? TenantId, string? TenantName, int? OpenPromises, int? OpenDisputes, string? Row, long Total);

    /// <summary>The tenants with marked accounts, or with the collector's rows of a past date or past their refresh time.</summary>
    public static FormattableString TenantsToRefresh(Guid[] tenants, string collector, DateOnly today, DateTimeOffset now) => $"""
        SELECT DISTINCT s.tenant_id AS "Value" FROM worklist_stale s WHERE s.tenant_id = ANY ({tenants})
        UNION
        SELECT DISTINCT e.tenant_id FROM worklist_entries e
        WHERE e.tenant_id = ANY ({tenants}) AND e.collector = {collector} AND (e.as_of < {today} OR e.refresh_at <= {now})
        """;

    /// <summary>A row's reasons contain one of this factor (see <see cref="WorklistRanking"/>).</summary>
    private static string Reason(string factor) => System.Text.Json.JsonSerializer.Serialize(new[] { new { factor } });

    /// <summary>The page, and the count of every matching row (one row with no account when the page is past the end).</summary>
    public static FormattableString Page(Guid[] tenants, string collector, MyWorklistFilter f, int page, int pageSize) => $"""
        WITH matched AS (
            SELECT e.* FROM worklist_entries e
            WHERE e.tenant_id = ANY ({tenants}) AND e.collector = {collector}
              AND ({f.Tenant}::uuid IS NULL OR e.tenant_id = {f.Tenant})
              AND ({f.Step}::text IS NULL OR e.row->>'stepReached' = {f.Step} OR e.row->>'stepDue' = {f.Step})
              AND CASE {f.Promise ?? ""}
                    WHEN 'open' THEN EXISTS (SELECT 1 FROM promises p WHERE p.tenant_id = e.tenant_id AND p.customer_id = e.customer_id AND p.status = 'open')
                    WHEN 'none' THEN NOT EXISTS (SELECT 1 FROM promises p WHERE p.tenant_id = e.tenant_id AND p.customer_id = e.customer_id AND p.status = 'open')
                    WHEN 'due-today' THEN e.row->'reasons' @> {Reason("promise due today")}::jsonb
                    WHEN 'broken' THEN e.row->'reasons' @> {Reason("broken promises")}::jsonb
                    ELSE true END
              AND CASE {f.Dispute ?? ""}
                    WHEN 'open' THEN EXISTS (SELECT 1 FROM disputes d WHERE d.tenant_id = e.tenant_id AND d.customer_id = e.customer_id AND d.status = 'open')
                    WHEN 'none' THEN NOT EXISTS (SELECT 1 FROM disputes d WHERE d.tenant_id = e.tenant_id AND d.customer_id = e.customer_id AND d.status = 'open')
                    WHEN 'past-sla' THEN e.row->'reasons' @> {Reason("disputes past SLA")}::jsonb
                    ELSE true END)
        SELECT m.tenant_id AS "TenantId", t.name AS "TenantName",
               (SELECT count(*)::int FROM promises p WHERE p.tenant_id = m.tenant_id AND p.customer_id = m.customer_id AND p.status = 'open') AS "OpenPromises",
               (SELECT count(*)::int FROM disputes d WHERE d.tenant_id = m.tenant_id AND d.customer_id = m.customer_id AND d.status = 'open') AS "OpenDisputes",
               m.row::text AS "Row", c.total AS "Total"
        FROM (SELECT count(*) AS total FROM matched) c
        LEFT JOIN LATERAL (SELECT * FROM matched ORDER BY score DESC, overdue DESC, code COLLATE "C", tenant_id
                           LIMIT {pageSize} OFFSET {(page - 1) * pageSize}) m ON true
        LEFT JOIN tenants t ON t.id = m.tenant_id
        ORDER BY m.score DESC, m.overdue DESC, m.code COLLATE "C", m.tenant_id
        """;

    public sealed record TaskRow(Guid Id, Guid TenantId, string? TenantName, Guid CustomerId, string? CustomerCode, string? CustomerName, string Kind, string Title, DateOnly DueDate);

    /// <summary>
    /// The person's open tasks due by <paramref name="dueBy"/> in every tenant they hold, the oldest first. The status is
    /// written in the SQL (<see cref="Activities.TaskStatuses.Open"/>), not passed: only then may the planner use the
    /// partial index of open tasks.
    /// </summary>
    public static Task<List<TaskRow>> TasksAsync(CollectionsDbContext db, Guid[] tenants, string collector, DateOnly dueBy, int limit, CancellationToken cancellationToken) =>
        db.Database.SqlQuery<TaskRow>($"""
        SELECT t.id AS "Id", t.tenant_id AS "TenantId", n.name AS "TenantName", t.customer_id AS "CustomerId", e.code AS "CustomerCode",
               e.row->>'name' AS "CustomerName", t.kind AS "Kind", t.title AS "Title", t.due_date AS "DueDate"
        FROM tasks t
        LEFT JOIN worklist_entries e ON e.customer_id = t.customer_id AND e.tenant_id = t.tenant_id
        LEFT JOIN tenants n ON n.id = t.tenant_id
        WHERE t.tenant_id = ANY ({tenants}) AND t.assignee = {collector} AND t.status = 'open' AND t.due_date <= {dueBy}
        ORDER BY t.due_date, t.id
        LIMIT {limit}
        """).ToListAsync(cancellationToken);
}
