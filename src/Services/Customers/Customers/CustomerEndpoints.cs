using System.ComponentModel.DataAnnotations;
using ArPlatform.BuildingBlocks.Messaging;
using ArPlatform.BuildingBlocks.Persistence;
using ArPlatform.Contracts;
using ArPlatform.Customers.Persistence;
using ArPlatform.ServiceDefaults.Http;
using ArPlatform.ServiceDefaults.OpenApi;
using ArPlatform.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Customers.Customers;

/// <summary>An address of the customer: its kind (billing, shipping, registered or other), lines of up to 200 characters, a city of up to 100, a GST state code and a 6-digit PIN code.</summary>
public sealed record AddressRequest(
    [property: MaxLength(20)] string? Kind, [property: MaxLength(200)] string? Line1, [property: MaxLength(200)] string? Line2,
    [property: MaxLength(100)] string? City, [property: MaxLength(2)] string? StateCode, [property: MaxLength(6)] string? Pincode)
{
    public static readonly IReadOnlyList<string> Kinds = ["billing", "shipping", "registered", "other"];
}

public sealed record RegisterCustomerRequest(
    [property: MaxLength(50)] string? Code, [property: MaxLength(200)] string? Name, [property: MaxLength(15)] string? Gstin, CustomerTerms? Terms = null, [property: MaxLength(200)] string? TradeName = null,
    [property: MaxLength(11)] string? Type = null, [property: MaxLength(8)] string? Status = null, [property: MaxLength(50)][property: ItemsMaxLength(50)] List<string>? Tags = null,
    [property: MaxLength(10)] string? Pan = null, [property: MaxLength(2)] string? StateCode = null, Guid? ParentId = null, [property: MaxLength(100)] string? AssignedCollector = null,
    [property: MaxLength(100)] string? Portfolio = null, [property: MaxLength(20)] List<AddressRequest>? Addresses = null);

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

    private static async Task<Results<Ok<CustomerResponse>, NotFound>> ResolveAsync(Guid? id, string? code, CustomersDbContext db)
    {
        var query = db.Customers.AsNoTracking();
        query = id is { } customerId ? query.Where(c => c.Id == customerId) : query.Where(c => c.Code == (code ?? "").Trim());
        return await query.SingleOrDefaultAsync() is { } customer ? TypedResults.Ok(ToResponse(customer)) : TypedResults.NotFound();
    }

    private static async Task<IResult> RegisterAsync(RegisterCustomerRequest request, CustomersDbContext db, TimeProvider clock)
    {
        var validation = CustomerDraft.Validate(request);
        Customer? parent = null;
        if (request.ParentId is { } parentId)
        {
            parent = await db.Customers.AsNoTracking().SingleOrDefaultAsync(c => c.Id == parentId);
            validation.When(parent is null, "parentId", "no such customer in this tenant (register the distributor first).");
        }

        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        var code = request.Code!.Trim();
        await Risk.RiskQueue.RememberTenantAsync(db, db.Tenant.RequiredTenantId, default);
        if (await db.Customers.AnyAsync(c => c.Code == code))
        {
            return CodeTaken(code);
        }

        var now = clock.GetUtcNow();
        var customer = CustomerDraft.Build(request, db.Tenant.RequiredTenantId, Guid.CreateVersion7(now), parent is null ? null : (parent.Id, parent.HierarchyPath), now);
        await CustomerSearch.ListWordsAsync(db, customer.TenantId, [customer]);
        db.Customers.Add(customer);
        db.AddToOutbox(new CustomerRegistered(db.Tenant.RequiredTenantId, customer.Id, customer.Code, customer.Name, customer.Gstin, now, customer.DefaultTerms), clock);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            return CodeTaken(code);
        }

        return TypedResults.Created($"/api/v1/customers/{customer.Id}", ToResponse(customer));
    }

    /// <summary>The rules for the details a customer is registered and updated with.</summary>
    internal static Validation Details(
        this Validation validation, string? tradeName, string? type, string? status, List<string>? tags, string? collector, string? portfolio,
        List<AddressRequest>? addresses, CustomerTerms? terms)
    {
        validation
            .Text("tradeName", tradeName, maxLength: 200)
            .When(type is not null && !CustomerTypes.All.Contains(type), "type", $"must be one of {string.Join(", ", CustomerTypes.All)}.")
            .When(status is not null && !CustomerStatuses.All.Contains(status), "status", $"must be one of {string.Join(", ", CustomerStatuses.All)}.")
            .When(tags is { Count: > 50 } || tags?.Any(t => string.IsNullOrWhiteSpace(t) || t.Length > 50 || t.Any(char.IsControl)) == true, "tags",
                "at most 50 tags of 1 to 50 characters.")
            .Text("assignedCollector", collector, maxLength: 100)
            .Text("portfolio", portfolio, maxLength: 100)
            .When(addresses is { Count: > 20 }, "addresses", "at most 20 addresses.");
        for (var i = 0; i < Math.Min(addresses?.Count ?? 0, 20); i++)
        {
            var address = addresses![i];
            validation
                .When(address?.Kind is not { } kind || !AddressRequest.Kinds.Contains(kind), $"addresses[{i}].kind",
                    $"is required: one of {string.Join(", ", AddressRequest.Kinds)}.")
                .Required($"addresses[{i}].line1", address?.Line1, maxLength: 200)
                .Text($"addresses[{i}].line2", address?.Line2, maxLength: 200)
                .Required($"addresses[{i}].city", address?.City, maxLength: 100)
                .When(address?.Pincode is { } pin && !System.Text.RegularExpressions.Regex.IsMatch(pin, "^[1-9][0-9]{5}$"), $"addresses[{i}].pincode",
                    "must be a 6-digit Indian PIN code not starting with 0.")
                .When(address?.StateCode is { } sc && !IndianStates.ByCode.ContainsKey(sc), $"addresses[{i}].stateCode", "must be a GST state code: 01-38, 97 or 99.");
        }

        if (terms is not null)
        {
            validation
                .When(terms.NetDays is < 0 or > 3650, "terms.netDays", "must be between 0 and 3650 days.")
                .When((terms.DiscountPercent is null) != (terms.DiscountDays is null), "terms", "discountPercent and discountDays go together.")
                .When(terms.DiscountPercent is <= 0 or >= 100, "terms.discountPercent", "must be more than 0 and less than 100.")
                .When(terms.DiscountDays is < 1 || terms.DiscountDays > terms.NetDays, "terms.discountDays", "must be at least 1 and within the net days.");
        }

        return validation;
    }

    /// <summary>The event other services keep their copy from, with the customer's whole current state.</summary>
    internal static CustomerUpdated Updated(Customer c, DateTimeOffset at) =>
        new(c.TenantId, c.Id, c.Code, c.Name, c.Gstin, c.DefaultTerms, c.AssignedCollector, c.Portfolio, c.Status, at);

    private static ProblemHttpResult CodeTaken(string code) => TypedResults.Problem(
        statusCode: StatusCodes.Status409Conflict, title: "The customer code is taken.",
        detail: $"A customer with code '{code}' already exists in this tenant.");

    private static async Task<Results<Ok<CustomerResponse>, NotFound>> GetAsync(Guid id, CustomersDbContext db) =>
        await db.Customers.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id) is { } customer
            ? TypedResults.Ok(ToResponse(customer))
            : TypedResults.NotFound();

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
        return TypedResults.Ok(new PagedList<CustomerResponse>([.. customers.Items.Select(ToResponse)], customers.Page, customers.PageSize, customers.Total,
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
    /// page and counts them all at once, and only the page's customers are read: reading every match back by id to
    /// order it cost as much again as finding them (ADR 0011).
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
        return new PagedList<CustomerResponse>([.. customers.Select(ToResponse)], p, size, Math.Min(total, CountUpTo), total > CountUpTo);
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

    internal static CustomerResponse ToResponse(Customer c) =>
        new(c.Id, c.Code, c.Name, c.Gstin, c.CreatedAt, c.DefaultTerms, c.TradeName, c.Type, c.Status, c.Tags, c.Pan, c.StateCode, c.StateName, c.Region,
            c.ParentId, c.AssignedCollector, c.Portfolio, System.Text.Json.Nodes.JsonNode.Parse(c.Addresses)?.AsArray(), Credit.CreditHolds.ToResponse(c));
}
