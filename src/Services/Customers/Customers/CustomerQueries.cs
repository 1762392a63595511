using ArPlatform.Customers.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Customers.Customers;

/// <summary>A customer a code already names: what an import needs to tell a duplicate from a clash, and to hang children under it.</summary>
public sealed record KnownCustomer(Guid Id, string Code, string HierarchyPath, string Name, string? Gstin);

/// <summary>The customers' statements that EF cannot write as well: lookups by many codes, bulk reassignment, word search.</summary>
public static class CustomerQueries
{
    /// <summary>
    /// The customers of the tenant with these codes: one probe of the unique (tenant_id, code) index per code, the tenant
    /// hidden from the planner (ADR 0002).
    /// </summary>
    public static Task<List<KnownCustomer>> ByCodesAsync(CustomersDbContext db, Guid tenant, string[] codes, CancellationToken cancellationToken) =>
        db.Database.SqlQuery<KnownCustomer>($"""
            SELECT c.id AS "Id", c.code AS "Code", c.hierarchy_path AS "HierarchyPath", c.name AS "Name", c.gstin AS "Gstin"
            FROM unnest({codes}::text[]) AS k(code)
            CROSS JOIN LATERAL (SELECT * FROM customers WHERE tenant_id = (SELECT {tenant}) AND code = k.code LIMIT 1) AS c
            """).ToListAsync(cancellationToken);

    /// <summary>
    /// Moves to collector <paramref name="to"/> (and <paramref name="portfolio"/> when given) the customers that match every
    /// filter given: listed, of a collector, under a hierarchy path. Returns them as they are now.
    /// </summary>
    public static Task<List<Customer>> ReassignAsync(
        CustomersDbContext db, Guid[]? ids, string? from, string? path, string to, string? portfolio, CancellationToken cancellationToken) =>
        db.Customers.FromSql($"""
            UPDATE customers SET assigned_collector = {to}, portfolio = coalesce({portfolio}::text, portfolio)
            WHERE tenant_id = {db.Tenant.RequiredTenantId}
              AND ({ids}::uuid[] IS NULL OR id = ANY({ids}::uuid[]))
              AND ({from}::text IS NULL OR assigned_collector = {from}::text)
              AND ({path}::text IS NULL OR hierarchy_path LIKE {path}::text || '%')
            RETURNING *
            """).IgnoreQueryFilters().AsNoTracking().ToListAsync(cancellationToken);
}
