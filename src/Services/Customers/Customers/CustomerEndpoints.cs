using ArPlatform.BuildingBlocks.Messaging;
using ArPlatform.BuildingBlocks.Persistence;
using ArPlatform.Contracts;
using ArPlatform.Customers.Persistence;
using ArPlatform.ServiceDefaults.Http;
using ArPlatform.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Customers.Customers;

public sealed record AddressRequest(string? Kind, string? Line1, string? Line2, string? City, string? StateCode, string? Pincode);

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
        var validation = new Validation().Required("code", request.Code, maxLength: 50).Required("name", request.Name, maxLength: 200)
            .Details(request.TradeName, request.Type, request.Status, request.Tags, request.AssignedCollector, request.Portfolio, request.Addresses, request.Terms);
        var gstin = string.IsNullOrWhiteSpace(request.Gstin) ? null : request.Gstin.Trim();
        var gstinValid = gstin is not null && Gstin.Validate(gstin) is null;
        if (gstin is not null && Gstin.Validate(gstin) is { } rule)
        {
            validation.Add("gstin", rule);
        }

        var pan = string.IsNullOrWhiteSpace(request.Pan) ? null : request.Pan.Trim();
        if (pan is not null && Pan.Validate(pan) is { } panRule)
        {
            validation.Add("pan", panRule);
        }
        else if (pan is not null && gstinValid && gstin![2..12] != pan)
        {
            validation.Add("pan", $"does not match the PAN inside the GSTIN ({gstin[2..12]}, characters 3-12).");
        }

        var stateCode = gstinValid ? gstin![..2] : request.StateCode?.Trim();
        validation.When(stateCode is not null && !IndianStates.ByCode.ContainsKey(stateCode), "stateCode", "must be a GST state code: 01-38, 97 or 99.");
        if (gstinValid && request.StateCode is { } given && given.Trim() != stateCode)
        {
            validation.Add("stateCode", $"does not match the GSTIN's state code {stateCode}.");
        }
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
        await Risk.RiskQueue.EnqueueAsync(db, db.Tenant.RequiredTenantId, [], default); // remembers the tenant for the nightly re-score
        if (await db.Customers.AnyAsync(c => c.Code == code))
        {
            return CodeTaken(code);
        }

        var now = clock.GetUtcNow();
        var id = Guid.CreateVersion7(now);
        var state = stateCode is null ? null : IndianStates.ByCode[stateCode];
        var customer = new Customer
        {
            Id = id,
            Code = code,
            Name = request.Name!.Trim(),
            TradeName = request.TradeName?.Trim(),
            Type = request.Type ?? CustomerTypes.Corporate,
            Status = request.Status ?? CustomerStatuses.Active,
            Tags = [.. (request.Tags ?? []).Select(t => t.Trim()).Distinct()],
            Gstin = gstin,
            Pan = pan ?? (gstinValid ? gstin![2..12] : null),
            StateCode = state?.Code,
            StateName = state?.Name,
            Region = state?.Region,
            ParentId = parent?.Id,
            HierarchyPath = $"{parent?.HierarchyPath ?? "/"}{id}/",
            AssignedCollector = request.AssignedCollector?.Trim(),
            Portfolio = request.Portfolio?.Trim(),
            Addresses = System.Text.Json.JsonSerializer.Serialize(request.Addresses ?? [], System.Text.Json.JsonSerializerOptions.Web),
            DefaultNetDays = request.Terms?.NetDays,
            DefaultDiscountPercent = request.Terms?.DiscountPercent,
            DefaultDiscountDays = request.Terms?.DiscountDays,
            CreatedAt = now,
        };
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
            .When(tradeName is { Length: > 200 }, "tradeName", "must be at most 200 characters.")
            .When(type is not null && !CustomerTypes.All.Contains(type), "type", $"must be one of {string.Join(", ", CustomerTypes.All)}.")
            .When(status is not null && !CustomerStatuses.All.Contains(status), "status", $"must be one of {string.Join(", ", CustomerStatuses.All)}.")
            .When(tags is { Count: > 50 } || tags?.Any(t => string.IsNullOrWhiteSpace(t) || t.Length > 50) == true, "tags", "at most 50 tags of 1 to 50 characters.")
            .When(collector is { Length: > 100 }, "assignedCollector", "must be at most 100 characters.")
            .When(portfolio is { Length: > 100 }, "portfolio", "must be at most 100 characters.")
            .When(addresses is { Count: > 20 }, "addresses", "at most 20 addresses.");
        for (var i = 0; i < (addresses?.Count ?? 0); i++)
        {
            var address = addresses![i];
            validation
                .Required($"addresses[{i}].line1", address?.Line1)
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
        CustomersDbContext db, int? page, int? pageSize, string? search, Guid? under, string? region, string? stateCode, string? type, string? collector, string? code)
    {
        if (Paging.Validate(page, pageSize) is { } problem)
        {
            return problem;
        }

        var query = db.Customers.AsNoTracking();
        if (under is { } root)
        {
            // Everything under a customer (a distributor's dealers and their sub-dealers), itself included.
            var path = await db.Customers.Where(c => c.Id == root).Select(c => c.HierarchyPath).SingleOrDefaultAsync();
            if (path is null)
            {
                return new Validation().Add("under", "no such customer in this tenant.").Problem();
            }

            query = query.Where(c => c.HierarchyPath.StartsWith(path));
        }

        query = region is null ? query : query.Where(c => c.Region == region);
        query = stateCode is null ? query : query.Where(c => c.StateCode == stateCode);
        query = type is null ? query : query.Where(c => c.Type == type);
        query = collector is null ? query : query.Where(c => c.AssignedCollector == collector);
        query = code is null ? query : query.Where(c => c.Code == code);
        if (!string.IsNullOrWhiteSpace(search))
        {
            var pattern = $"%{search.Trim()}%";
            query = query.Where(c => EF.Functions.ILike(c.Name, pattern) || EF.Functions.ILike(c.Code, pattern));
        }

        var customers = await Paging.PageAsync(query.OrderBy(c => c.Code), page, pageSize, c => c);
        return TypedResults.Ok(new PagedList<CustomerResponse>([.. customers.Items.Select(ToResponse)], customers.Page, customers.PageSize, customers.Total));
    }

    internal static CustomerResponse ToResponse(Customer c) =>
        new(c.Id, c.Code, c.Name, c.Gstin, c.CreatedAt, c.DefaultTerms, c.TradeName, c.Type, c.Status, c.Tags, c.Pan, c.StateCode, c.StateName, c.Region,
            c.ParentId, c.AssignedCollector, c.Portfolio, System.Text.Json.Nodes.JsonNode.Parse(c.Addresses)?.AsArray(), Credit.CreditHolds.ToResponse(c));
}
