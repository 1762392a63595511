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

    /// <summary>
    /// A search's words as a tsquery, and the whole text, which may also be a code or GSTIN. The match runs in the
    /// customer_search function, where the full-text index can be used (row-level security keeps the non-leakproof @@
    /// operator out of index scans); it applies the same tenant rule as the policy.
    /// </summary>
    public sealed record WordSearch(string Query, string Term)
    {
        /// <summary>SQL for the matches' id and code, its two parameters {0} and {1}.</summary>
        public const string Matches = "SELECT id, code FROM customer_search({0}::tsquery, {1})";
    }

    public sealed record RankedMatch(Guid Id, int Matches);

    /// <summary>A page of the matches' ids in code order, each with the number of all the matches.</summary>
    public static Task<List<RankedMatch>> PageOfMatchesAsync(CustomersDbContext db, WordSearch search, int limit, long offset, CancellationToken cancellationToken) =>
        db.Database.SqlQueryRaw<RankedMatch>(
            $$"""SELECT m.id AS "Id", (count(*) OVER ())::int AS "Matches" FROM ({{WordSearch.Matches}}) AS m ORDER BY m.code LIMIT {2} OFFSET {3}""",
            search.Query, search.Term, limit, offset).ToListAsync(cancellationToken);

    public static Task<int> CountMatchesAsync(CustomersDbContext db, WordSearch search, CancellationToken cancellationToken) =>
        db.Database.SqlQueryRaw<int>($"""SELECT count(*)::int AS "Value" FROM ({WordSearch.Matches}) AS m""", search.Query, search.Term).SingleAsync(cancellationToken);

    /// <summary>The matches' ids, as a query to fetch or to compose.</summary>
    public static IQueryable<Guid> MatchIds(CustomersDbContext db, WordSearch search) =>
        db.Database.SqlQueryRaw<Guid>($"""SELECT m.id AS "Value" FROM ({WordSearch.Matches}) AS m""", search.Query, search.Term);
}
