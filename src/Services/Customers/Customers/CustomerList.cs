using ArPlatform.BuildingBlocks.Persistence;
using ArPlatform.Customers.Persistence;
using ArPlatform.ServiceDefaults.Http;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Customers.Customers;

/// <summary>What a list of customers is narrowed by: a search text and filters, all of which must match.</summary>
public sealed record CustomerFilter(
    string? Search = null, Guid? Under = null, string? Region = null, string? StateCode = null, string? Type = null, string? Collector = null,
    string? Code = null, string? Gstin = null, string? Rating = null, bool? OnHold = null)
{
    public bool SearchOnly => Under is null && Region is null && StateCode is null && Type is null && Collector is null && Code is null && Gstin is null
        && Rating is null && OnHold is null;
}

/// <summary>Lists of customers: by words of the name, trade name or code, by code or GSTIN, and by the filters of <see cref="CustomerFilter"/>.</summary>
public sealed class CustomerList(CustomersDbContext db)
{
    /// <summary>Lists count their matches up to this many; beyond it <c>totalIsLowerBound</c> says "at least".</summary>
    public const int CountUpTo = 1_000;

    private const int MaxFetchedMatches = 5_000;

    /// <summary>A page of the customers that match, in code order; <paramref name="page"/> and <paramref name="pageSize"/> already checked by <see cref="Paging.Validate"/>.</summary>
    public async Task<Outcome<PagedList<CustomerResponse>>> ListAsync(CustomerFilter f, int? page, int? pageSize, CancellationToken cancellationToken = default)
    {
        var filters = new Validation().Text("search", f.Search, maxLength: 200).Text("region", f.Region, maxLength: 50).Text("stateCode", f.StateCode, maxLength: 2)
            .Text("type", f.Type, maxLength: 50).Text("collector", f.Collector, maxLength: 100).Text("code", f.Code, maxLength: 50).Text("gstin", f.Gstin, maxLength: 15)
            .Text("rating", f.Rating, maxLength: 10);
        if (!filters.IsValid)
        {
            return Outcome<PagedList<CustomerResponse>>.Invalid(filters);
        }

        if (f.SearchOnly && await WordSearchAsync(f.Search, cancellationToken) is { } words)
        {
            return Outcome<PagedList<CustomerResponse>>.Ok(await PageOfMatchesAsync(words, page, pageSize, cancellationToken));
        }

        var query = (await SearchRootAsync(f.Search, cancellationToken)).AsNoTracking();
        if (f.Under is { } top)
        {
            // Everything under a customer (a distributor's dealers and their sub-dealers), itself included.
            var path = await db.Customers.Where(c => c.Id == top).Select(c => c.HierarchyPath).SingleOrDefaultAsync(cancellationToken);
            if (path is null)
            {
                return Outcome<PagedList<CustomerResponse>>.Invalid("under", "no such customer in this tenant.");
            }

            query = query.Where(c => c.HierarchyPath.StartsWith(path));
        }

        query = f.Region is not { } region ? query : query.Where(c => c.Region == region);
        if (f.StateCode is not null)
        {
            if (!IndianStates.ByCode.TryGetValue(f.StateCode.Trim(), out var state))
            {
                return Outcome<PagedList<CustomerResponse>>.Invalid("stateCode", "must be a GST state code: 01-38, 97 or 99.");
            }

            // A state's region is always stored with it, so the (tenant, region, state) index serves a state alone.
            query = query.Where(c => c.Region == state.Region && c.StateCode == state.Code);
        }

        query = f.Type is not { } type ? query : query.Where(c => c.Type == type);
        query = f.Collector is not { } collector ? query : query.Where(c => c.AssignedCollector == collector);
        query = f.Code is not { } code ? query : query.Where(c => c.Code == code);
        query = f.Gstin is not { } gstin ? query : query.Where(c => c.Gstin == gstin.Trim().ToUpperInvariant());
        query = f.OnHold is not { } onHold ? query : query.Where(c => c.OnHold == onHold);
        if (f.Rating is not null)
        {
            // "unrated" finds the customers without payment history yet.
            var wanted = f.Rating.Trim().ToUpperInvariant();
            if (wanted != "UNRATED" && !Risk.RiskModel.Bands.Any(b => b.Rating == wanted))
            {
                return Outcome<PagedList<CustomerResponse>>.Invalid("rating", "must be one of A, B, C, D, E or unrated.");
            }

            query = wanted == "UNRATED" ? query.Where(c => c.RiskRating == null) : query.Where(c => c.RiskRating == wanted);
        }

        var customers = await QueryPages.PageCountingUpToAsync(query, q => q.OrderBy(c => c.Code), page, pageSize, CountUpTo, c => c);
        return Outcome<PagedList<CustomerResponse>>.Ok(new PagedList<CustomerResponse>([.. customers.Items.Select(CustomerResponses.Of)], customers.Page,
            customers.PageSize, customers.Total, customers.TotalIsLowerBound));
    }

    /// <summary>
    /// A search that matches words, or null when the text has none (punctuation only) and can only be a code or GSTIN.
    /// Words of the name, trade name or code match whole, the last one possibly cut short as while typing (completed from
    /// the tenant's word list, or matched as a prefix); the whole text also matches a code or GSTIN.
    /// </summary>
    private async Task<CustomerQueries.WordSearch?> WordSearchAsync(string? search, CancellationToken cancellationToken)
    {
        var words = CustomerSearch.Words(search);
        if (words.Count == 0)
        {
            return null;
        }

        var term = search!.Trim();
        return new CustomerQueries.WordSearch(
            CustomerSearch.Query(db.Tenant.RequiredTenantId, term, await CustomerSearch.CompletionsAsync(db, words[^1], cancellationToken))!, term);
    }

    /// <summary>
    /// A page of a search and nothing else, in one pass over the matches: the database orders them by code, keeps the
    /// page and counts them all at once, and only the page's customers are read. (Reading every match back by id to
    /// order it cost as much again as finding them: 2,778 matches, 9-14 ms.)
    /// </summary>
    private async Task<PagedList<CustomerResponse>> PageOfMatchesAsync(CustomerQueries.WordSearch search, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var (p, size) = (page ?? 1, pageSize ?? Paging.DefaultPageSize);
        var ranked = await CustomerQueries.PageOfMatchesAsync(db, search, size, (long)(p - 1) * size, cancellationToken);
        var total = ranked.Count > 0 || p == 1 ? ranked.FirstOrDefault()?.Matches ?? 0 : await CustomerQueries.CountMatchesAsync(db, search, cancellationToken);
        var ids = ranked.Select(r => r.Id).ToList();
        var customers = await db.Customers.AsNoTracking().Where(c => ids.Contains(c.Id)).OrderBy(c => c.Code).ToListAsync(cancellationToken);
        return new PagedList<CustomerResponse>([.. customers.Select(CustomerResponses.Of)], p, size, Math.Min(total, CountUpTo), total > CountUpTo);
    }

    /// <summary>All customers, or those matching a search, for a list that filters further.</summary>
    private async Task<IQueryable<Customer>> SearchRootAsync(string? search, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(search))
        {
            return db.Customers;
        }

        var term = search.Trim();
        if (await WordSearchAsync(term, cancellationToken) is not { } words)
        {
            return db.Customers.Where(c => c.Code == term || c.Gstin == term.ToUpperInvariant());
        }

        // The page and its count both need the matches: fetched once when there are not too many, else matched in SQL twice.
        var matches = CustomerQueries.MatchIds(db, words);
        var ids = await matches.Take(MaxFetchedMatches + 1).ToListAsync(cancellationToken);
        return ids.Count <= MaxFetchedMatches ? db.Customers.Where(c => ids.Contains(c.Id)) : db.Customers.Where(c => matches.Contains(c.Id));
    }
}
