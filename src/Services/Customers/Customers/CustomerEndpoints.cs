using ArPlatform.BuildingBlocks.Messaging;
using ArPlatform.BuildingBlocks.Persistence;
using ArPlatform.Contracts;
using ArPlatform.Customers.Persistence;
using ArPlatform.ServiceDefaults.Http;
using ArPlatform.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Customers.Customers;

/// <summary>An address of the customer: its kind (billing, shipping, registered or other), lines of up to 200 characters, a city of up to 100, a GST state code and a 6-digit PIN code.</summary>
public sealed record AddressRequest(string? Kind, string? Line1, string? Line2, string? City, string? StateCode, string? Pincode)
{
    public static readonly IReadOnlyList<string> Kinds = ["billing", "shipping", "registered", "other"];
}

public sealed record RegisterCustomerRequest(
    string? Code, string? Name, string? Gstin, CustomerTerms? Terms = null, string? TradeName = null, string? Type = null, string? Status = null,
    List<string>? Tags = null, string? Pan = null, string? StateCode = null, Guid? ParentId = null, string? AssignedCollector = null,
    string? Portfolio = null, List<AddressRequest>? Addresses = null);

public sealed record CustomerResponse(
    Guid Id, string Code, string Name, string? Gstin, DateTimeOffset CreatedAt, CustomerTerms? Terms = null, string? TradeName = null,
    string Type = CustomerTypes.Corporate, string Status = CustomerStatuses.Active, IReadOnlyList<string>? Tags = null, string? Pan = null,
    string? StateCode = null, string? StateName = null, string? Region = null, Guid? ParentId = null, string? AssignedCollector = null,
    string? Portfolio = null, System.Text.Json.Nodes.JsonArray? Addresses = null, Credit.CreditResponse? Credit = null);

public static class CustomerEndpoints
{
    /// <summary>Lists count their matches up to this many; beyond it <c>totalIsLowerBound</c> says "at least".</summary>
    public const int CountUpTo = 1_000;

    private const int MaxFetchedMatches = 5_000;

    public static void MapCustomerEndpoints(this IEndpointRouteBuilder app)
    {
        var customers = app.MapGroup("/api/v1/customers").WithTags("Customers");
        customers.MapPost("/", RegisterAsync).RequireTenantScope(Scopes.CustomersWrite).WithName("RegisterCustomer")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        customers.MapGet("/{id:guid}", GetAsync).RequireTenantScope(Scopes.CustomersRead).WithName("GetCustomer");
        customers.MapGet("/", ListAsync).RequireTenantScope(Scopes.CustomersRead).WithName("ListCustomers");

        // For other services (not routed by the gateway): Invoices resolves a customer it has not yet heard of
        // through CustomerRegistered, forwarding the caller's token, so an invoice posted right after its customer is accepted.
        app.MapGet("/internal/v1/customers/resolve", ResolveAsync).RequireTenantScope(Scopes.InvoicesWrite).ExcludeFromDescription();
    }

    private static async Task<Results<Ok<CustomerResponse>, NotFound>> ResolveAsync(Guid? id, string? code, CustomerService customers, CancellationToken cancellationToken) =>
        await customers.ResolveAsync(id, code, cancellationToken) is { } customer ? TypedResults.Ok(customer) : TypedResults.NotFound();

    private static async Task<IResult> RegisterAsync(RegisterCustomerRequest request, CustomerService customers, CancellationToken cancellationToken) =>
        (await customers.RegisterAsync(request, cancellationToken)).ToResult(c => TypedResults.Created($"/api/v1/customers/{c.Id}", c));

    private static async Task<Results<Ok<CustomerResponse>, NotFound>> GetAsync(Guid id, CustomerService customers, CancellationToken cancellationToken) =>
        await customers.GetAsync(id, cancellationToken) is { } customer ? TypedResults.Ok(customer) : TypedResults.NotFound();

    private static async Task<IResult> ListAsync(
        CustomersDbContext db, int? page, int? pageSize, string? search, Guid? under, string? region, string? stateCode, string? type, string? collector, string? code,
        string? gstin, string? rating, bool? onHold)
    {
        if (Paging.Validate(page, pageSize) is { } problem)
        {
            return problem;
        }

        var filters = new Validation().Text("search", search, maxLength: 200).Text("region", region, maxLength: 50).Text("stateCode", stateCode, maxLength: 2)
            .Text("type", type, maxLength: 50).Text("collector", collector, maxLength: 100).Text("code", code, maxLength: 50).Text("gstin", gstin, maxLength: 15)
            .Text("rating", rating, maxLength: 10);
        if (!filters.IsValid)
        {
            return filters.Problem();
        }

        var searchOnly = under is null && region is null && stateCode is null && type is null && collector is null && code is null && gstin is null
            && rating is null && onHold is null;
        if (searchOnly && await WordSearchAsync(db, search) is { } words)
        {
            return TypedResults.Ok(await PageOfMatchesAsync(db, words, page, pageSize));
        }

        var query = (await SearchRootAsync(db, search)).AsNoTracking();
        if (under is { } top)
        {
            // Everything under a customer (a distributor's dealers and their sub-dealers), itself included.
            var path = await db.Customers.Where(c => c.Id == top).Select(c => c.HierarchyPath).SingleOrDefaultAsync();
            if (path is null)
            {
                return new Validation().Add("under", "no such customer in this tenant.").Problem();
            }

            query = query.Where(c => c.HierarchyPath.StartsWith(path));
        }

        query = region is null ? query : query.Where(c => c.Region == region);
        if (stateCode is not null)
        {
            if (!IndianStates.ByCode.TryGetValue(stateCode.Trim(), out var state))
            {
                return new Validation().Add("stateCode", "must be a GST state code: 01-38, 97 or 99.").Problem();
            }

            // A state's region is always stored with it, so the (tenant, region, state) index serves a state alone.
            query = query.Where(c => c.Region == state.Region && c.StateCode == state.Code);
        }

        query = type is null ? query : query.Where(c => c.Type == type);
        query = collector is null ? query : query.Where(c => c.AssignedCollector == collector);
        query = code is null ? query : query.Where(c => c.Code == code);
        query = gstin is null ? query : query.Where(c => c.Gstin == gstin.Trim().ToUpperInvariant());
        query = onHold is null ? query : query.Where(c => c.OnHold == onHold);
        if (rating is not null)
        {
            // "unrated" finds the customers without payment history yet.
            var wanted = rating.Trim().ToUpperInvariant();
            if (wanted != "UNRATED" && !Risk.RiskModel.Bands.Any(b => b.Rating == wanted))
            {
                return new Validation().Add("rating", "must be one of A, B, C, D, E or unrated.").Problem();
            }

            query = wanted == "UNRATED" ? query.Where(c => c.RiskRating == null) : query.Where(c => c.RiskRating == wanted);
        }

        var customers = await Paging.PageCountingUpToAsync(query, q => q.OrderBy(c => c.Code), page, pageSize, CountUpTo, c => c);
        return TypedResults.Ok(new PagedList<CustomerResponse>([.. customers.Items.Select(CustomerResponses.Of)], customers.Page, customers.PageSize, customers.Total,
            customers.TotalIsLowerBound));
    }

    /// <summary>A search's words as a tsquery, and the whole text, which may also be a code or GSTIN.</summary>
    private sealed record WordSearch(string Query, string Term)
    {
        /// <summary>SQL for the matches' id and code, its two parameters {0} and {1}.</summary>
        public const string Matches = "SELECT id, code FROM customer_search({0}::tsquery, {1})";
    }

    private sealed record RankedMatch(Guid Id, int Matches);

    /// <summary>
    /// A search that matches words, or null when the text has none (punctuation only) and can only be a code or GSTIN.
    /// Words of the name, trade name or code match whole, the last one possibly cut short as while typing (completed from
    /// the tenant's word list, or matched as a prefix); the whole text also matches a code or GSTIN. The match runs in the
    /// customer_search function, where the full-text index can be used (row-level security keeps the non-leakproof @@
    /// operator out of index scans); it applies the same tenant rule as the policy.
    /// </summary>
    private static async Task<WordSearch?> WordSearchAsync(CustomersDbContext db, string? search)
    {
        var words = CustomerSearch.Words(search);
        if (words.Count == 0)
        {
            return null;
        }

        var term = search!.Trim();
        return new WordSearch(CustomerSearch.Query(db.Tenant.RequiredTenantId, term, await CustomerSearch.CompletionsAsync(db, words[^1]))!, term);
    }

    /// <summary>
    /// A page of a search and nothing else, in one pass over the matches: the database orders them by code, keeps the
    /// page and counts them all at once, and only the page's customers are read. (Reading every match back by id to
    /// order it cost as much again as finding them: 2,778 matches, 9-14 ms.)
    /// </summary>
    private static async Task<PagedList<CustomerResponse>> PageOfMatchesAsync(CustomersDbContext db, WordSearch search, int? page, int? pageSize)
    {
        var (p, size) = (page ?? 1, pageSize ?? Paging.DefaultPageSize);
        var ranked = await db.Database.SqlQueryRaw<RankedMatch>(
            $$"""SELECT m.id AS "Id", (count(*) OVER ())::int AS "Matches" FROM ({{WordSearch.Matches}}) AS m ORDER BY m.code LIMIT {2} OFFSET {3}""",
            search.Query, search.Term, size, (long)(p - 1) * size).ToListAsync();
        var total = ranked.Count > 0 || p == 1 ? ranked.FirstOrDefault()?.Matches ?? 0
            : await db.Database.SqlQueryRaw<int>($"""SELECT count(*)::int AS "Value" FROM ({WordSearch.Matches}) AS m""", search.Query, search.Term).SingleAsync();
        var ids = ranked.Select(r => r.Id).ToList();
        var customers = await db.Customers.AsNoTracking().Where(c => ids.Contains(c.Id)).OrderBy(c => c.Code).ToListAsync();
        return new PagedList<CustomerResponse>([.. customers.Select(CustomerResponses.Of)], p, size, Math.Min(total, CountUpTo), total > CountUpTo);
    }

    /// <summary>All customers, or those matching a search, for a list that filters further.</summary>
    private static async Task<IQueryable<Customer>> SearchRootAsync(CustomersDbContext db, string? search)
    {
        if (string.IsNullOrWhiteSpace(search))
        {
            return db.Customers;
        }

        var term = search.Trim();
        if (await WordSearchAsync(db, term) is not { } words)
        {
            return db.Customers.Where(c => c.Code == term || c.Gstin == term.ToUpperInvariant());
        }

        // The page and its count both need the matches: fetched once when there are not too many, else matched in SQL twice.
        var matches = db.Database.SqlQueryRaw<Guid>($"""SELECT m.id AS "Value" FROM ({WordSearch.Matches}) AS m""", words.Query, words.Term);
        var ids = await matches.Take(MaxFetchedMatches + 1).ToListAsync();
        return ids.Count <= MaxFetchedMatches ? db.Customers.Where(c => ids.Contains(c.Id)) : db.Customers.Where(c => matches.Contains(c.Id));
    }
}

/// <summary>How a customer reads in the API.</summary>
public static class CustomerResponses
{
    public static CustomerResponse Of(Customer c) =>
        new(c.Id, c.Code, c.Name, c.Gstin, c.CreatedAt, c.DefaultTerms, c.TradeName, c.Type, c.Status, c.Tags, c.Pan, c.StateCode, c.StateName, c.Region,
            c.ParentId, c.AssignedCollector, c.Portfolio, System.Text.Json.Nodes.JsonNode.Parse(c.Addresses)?.AsArray(), Credit.CreditHolds.ToResponse(c));
}
